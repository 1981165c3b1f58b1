/// Heketi's sample configuration, reconstructed from `etc/heketi.json` in heketi/heketi (its last releases), in the
/// layout deployments copied: comment keys beside real ones, prose in `sshexec.port`, the same key for admin and
/// user.
enum HeketiSample {
    static let json = """
        {
          "_port_comment": "Heketi Server Port Number",
          "port": "8080",

          "_enable_tls_comment": "Enable TLS in Heketi Server",
          "enable_tls": false,

          "_cert_file_comment": "Path to a valid certificate file",
          "cert_file": "",

          "_key_file_comment": "Path to a valid private key file",
          "key_file": "",


          "_use_auth": "Enable JWT authorization. Please enable for deployment",
          "use_auth": false,

          "_jwt": "Private keys for access",
          "jwt": {
            "_admin": "Admin has access to all APIs",
            "admin": {
              "key": "My Secret"
            },
            "_user": "User only has access to /volumes endpoint",
            "user": {
              "key": "My Secret"
            }
          },

          "_backup_db_to_kube_secret": "Backup the heketi database to a Kubernetes secret when running in Kubernetes. Default is off.",
          "backup_db_to_kube_secret": false,

          "_profiling": "Enable go/pprof profiling on the /debug/pprof endpoints.",
          "profiling": false,

          "_glusterfs_comment": "GlusterFS Configuration",
          "glusterfs": {
            "_executor_comment": [
              "Execute plugin. Possible choices: mock, ssh",
              "mock: This setting is used for testing and development.",
              "      It will not send commands to any node.",
              "ssh:  This setting will notify Heketi to ssh to the nodes.",
              "      It will need the values in sshexec to be configured.",
              "kubernetes: Communicate with GlusterFS containers over",
              "            Kubernetes exec api."
            ],
            "executor": "mock",

            "_sshexec_comment": "SSH username and private key file information",
            "sshexec": {
              "keyfile": "path/to/private_key",
              "user": "sshuser",
              "port": "Optional: ssh port.  Default is 22",
              "fstab": "Optional: Specify fstab file on node.  Default is /etc/fstab",
              "backup_lvm_metadata": false,
              "debug_umount_failures": true
            },

            "_kubeexec_comment": "Kubernetes configuration",
            "kubeexec": {
              "host" :"https://kubernetes.host:8443",
              "cert" : "/path/to/crt.file",
              "insecure": false,
              "user": "kubernetes username",
              "password": "password for kubernetes user",
              "namespace": "OpenShift project or Kubernetes namespace",
              "fstab": "Optional: Specify fstab file on node.  Default is /etc/fstab",
              "backup_lvm_metadata": false,
              "debug_umount_failures": true
            },

            "_db_comment": "Database file name",
            "db": "/var/lib/heketi/heketi.db",

             "_refresh_time_monitor_gluster_nodes": "Refresh time in seconds to monitor Gluster nodes",
            "refresh_time_monitor_gluster_nodes": 120,

            "_start_time_monitor_gluster_nodes": "Start time in seconds to monitor Gluster nodes when the heketi comes up",
            "start_time_monitor_gluster_nodes": 10,

            "_loglevel_comment": [
              "Set log level. Choices are:",
              "  none, critical, error, warning, info, debug",
              "Default is warning"
            ],
            "loglevel" : "debug",

            "_auto_create_block_hosting_volume": "Creates Block Hosting volumes automatically if not found or exsisting volume exhausted",
            "auto_create_block_hosting_volume": true,

            "_block_hosting_volume_size": "New block hosting volume will be created in size mentioned, This is considered only if auto-create is enabled.",
            "block_hosting_volume_size": 500,

            "_block_hosting_volume_options": "New block hosting volume will be created with the following set of options. Removing the group gluster-block option is NOT recommended. Additional options can be added next to it separated by a comma.",
            "block_hosting_volume_options": "group gluster-block",

            "_pre_request_volume_options": "Volume options that will be applied for all volumes created. Can be overridden by volume options in volume create request.",
            "pre_request_volume_options": "",

            "_post_request_volume_options": "Volume options that will be applied for all volumes created. To be used to override volume options in volume create request.",
            "post_request_volume_options": ""
          }
        }
        """

    /// The same settings in YAML, as a Brickyard user would write them (plain numbers, no comment keys).
    static let yaml = """
        # Heketi's sample, in YAML.
        port: 8080
        use_auth: false
        jwt:
          admin:
            key: My Secret
          user:
            key: My Secret
        glusterfs:
          executor: mock
          sshexec:
            keyfile: path/to/private_key
            user: sshuser
            port: "Optional: ssh port.  Default is 22"
            fstab: "Optional: Specify fstab file on node.  Default is /etc/fstab"
            backup_lvm_metadata: false
            debug_umount_failures: true
          kubeexec:
            host: https://kubernetes.host:8443
            cert: /path/to/crt.file
            insecure: false
            namespace: OpenShift project or Kubernetes namespace
          db: /var/lib/heketi/heketi.db
          loglevel: debug
          pre_request_volume_options: ""
          post_request_volume_options: ""

        """

    /// An older etc/heketi.json shipped with a missing comma, which Heketi itself could not read either.
    static let missingComma = """
        {
          "port": "8080",
          "glusterfs": {
            "executor": "mock",
            "block_hosting_volume_size": 500

            "_mount_opts_comment": "These mount options will be used in to mount the gluster volumes",
            "mountopts": "rw,inode64,noatime,nouuid"
          }
        }
        """
}
