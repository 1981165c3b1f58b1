#!/usr/bin/env bash
# Loopback Gluster testbed for Brickyard: N glusterd "nodes" on one machine, all traffic on 127.1.1.x.
#
# Usage (as root):
#   Scripts/testbed.sh up       start (or complete) the testbed; last line of stdout: path of brickyard.json
#   Scripts/testbed.sh down     stop everything the testbed started and remove its state (safe when down)
#   Scripts/testbed.sh status   print the state of every node; exit 0 when all is up, 1 otherwise
#
# Environment:
#   TESTBED_ROOT     root of everything                     (default /srv/brickyard-testbed)
#   TESTBED_NODES    number of nodes, 1..250                (default 3)
#   TESTBED_DEVICES  devices (loop-backed XFS) per node     (default 2)
#   TESTBED_SIZE     size of each sparse device image      (default 8G, any `truncate -s` size); the
#                    images cost only what is written. An 8G image is an XFS of 7.9 GiB, which holds seven
#                    1 GiB bricks (each takes 1 GiB and 8 MiB in placement); 1G holds none
#   TESTBED_PROBE    1: `up` also forms the trusted pool (node 1 probes the others); default 0, the
#                    glusterds start as separate one-node pools, as fresh Gluster nodes do
#   TESTBED_STOP_VOLUMES  1: `down` first stops and deletes every volume through glusterd (slow; the
#                    default kills the daemons and wipes the state, which leaves nothing behind either)
#
# Node i (1..N) is the address 127.1.1.i. Linux answers on all of 127.0.0.0/8 through `lo`, so no
# address is added to any interface (adding 127.1.1.x to `lo` would make every glusterd believe every
# node is itself: Gluster treats an address of a local interface as "localhost"). Layout of node i:
#
#   $TESTBED_ROOT/n<i>/glusterd/          glusterd working directory (glusterd.info, vols/, peers/)
#   $TESTBED_ROOT/n<i>/run/               glusterd run directory (brick and shd pid files)
#   $TESTBED_ROOT/n<i>/run/glusterd.socket  the node's CLI socket (`gluster --glusterd-sock=...`)
#   $TESTBED_ROOT/n<i>/log/               glusterd.log, and the logs of its bricks and daemons
#   $TESTBED_ROOT/n<i>/glusterd.pid       pid of the node's glusterd
#   $TESTBED_ROOT/n<i>/d<j>.img           sparse image of device j, attached to a loop device
#   $TESTBED_ROOT/n<i>/d<j>               device j: the loop device formatted XFS, mounted here;
#                                         bricks go in it, e.g. n1/d1/brick_<id>/brick
#   $TESTBED_ROOT/n<i>/bin/gluster        `gluster` bound to node i: put n<i>/bin first on PATH to run
#                                         "commands on node i"
#
# Shared files:
#   $TESTBED_ROOT/brickyard.json   ready Brickyard configuration: the local executor, node i's commands run
#                                  with n<i>/bin first on PATH (so `gluster` reaches node i's glusterd):
#     {"port": "8080",
#      "glusterfs": {"executor": "local", "db": "$TESTBED_ROOT/brickyard.db",
#        "localexec": {"nodes": {"127.1.1.1": {"path": "$TESTBED_ROOT/n1/bin"}, ...},
#                      "gluster_cli_timeout": 120}}}
#   $TESTBED_ROOT/testbed.json     what the testbed is, for tests and tools:
#     {"root": "$TESTBED_ROOT", "nodes": [
#        {"host": "127.1.1.1", "zone": 1, "glusterd_socket": "$TESTBED_ROOT/n1/run/glusterd.socket",
#         "path": "$TESTBED_ROOT/n1/bin", "devices": ["$TESTBED_ROOT/n1/d1", "$TESTBED_ROOT/n1/d2"]},
#        ...]}
#   $TESTBED_ROOT/topology.json    Heketi-style topology: one cluster, node i in zone i, manage and
#                                  storage hostname 127.1.1.i, devices named by their mount points
#   $TESTBED_ROOT/mnt/             a place for FUSE mounts of testbed volumes (`down` unmounts them)
#
# Gluster quirks the testbed works around:
#   * Bricks bind to their node's address (glusterd passes its bind-address on), and each node gets
#     its own brick port range (base-port/max-port), so brick ports of different nodes never meet.
#   * `gluster volume heal VOL info` runs the helper glfsheal, which the CLI does not tell about
#     --glusterd-sock, so it asks /var/run/glusterd.socket and fails ("Not able to fetch volfile from
#     glusterd"). The wrapper n<i>/bin/gluster runs glfsheal itself with the node's socket for
#     `volume heal VOL info [summary|split-brain] [--xml]`.
#   * glusterd takes every 127.x.x.x address that is not one of its peers for itself: a brick on a
#     127.1.1.x host outside the pool counts as a local brick, and `peer detach` of such a host answers
#     "... is localhost". Peers are told apart correctly.
#   * All testbeds listen on 127.1.1.x:24007: one testbed at a time per machine (`up` refuses to start
#     when another one holds the addresses).
#   * Several bricks of one replica or disperse set on one node need `force` (as on any Gluster);
#     bricks on different 127.1.1.x nodes do not. Bricks inside the XFS mounts need no `force`.
set -euo pipefail

ROOT=${TESTBED_ROOT:-/srv/brickyard-testbed}
NODES=${TESTBED_NODES:-3}
DEVICES=${TESTBED_DEVICES:-2}
SIZE=${TESTBED_SIZE:-8G}
PROBE=${TESTBED_PROBE:-0}
STOP_VOLUMES=${TESTBED_STOP_VOLUMES:-0}
WAIT_SECONDS=30

die() { echo "testbed: $*" >&2; exit 1; }

[[ $ROOT == /* && $ROOT != / ]] || die "TESTBED_ROOT must be an absolute path other than /"
ROOT=${ROOT%/}
[[ $NODES =~ ^[0-9]+$ ]] && ((NODES >= 1 && NODES <= 250)) || die "TESTBED_NODES must be 1..250"
[[ $DEVICES =~ ^[0-9]+$ ]] && ((DEVICES >= 1 && DEVICES <= 16)) || die "TESTBED_DEVICES must be 1..16"

# With the testbed up, its own node directories tell how many nodes it has (down and status need no
# TESTBED_NODES then).
if [[ -z ${TESTBED_NODES:-} && -d $ROOT ]]; then
    found=$(find "$ROOT" -maxdepth 1 -name 'n[0-9]*' -printf '%f\n' 2>/dev/null | sed 's/^n//' | sort -n | tail -n1)
    [[ $found =~ ^[0-9]+$ ]] && NODES=$found
fi

host_of() { echo "127.1.1.$1"; }
node_dir() { echo "$ROOT/n$1"; }
sock_of() { echo "$ROOT/n$1/run/glusterd.socket"; }

# The CLI of node i, in script mode (no questions asked).
cli() { local i=$1; shift; gluster --glusterd-sock="$(sock_of "$i")" --mode=script "$@"; }

# True when PID is alive and is a Gluster daemon (glusterd, glusterfsd and glusterfs are one binary).
is_gluster_pid() {
    local pid=$1 exe
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    exe=$(readlink "/proc/$pid/exe" 2>/dev/null) || return 1
    [[ ${exe##*/} == glusterfsd || ${exe##*/} == glusterd || ${exe##*/} == glusterfs ]]
}

# Pid of node i's glusterd when it is running (from its pid file, checked against /proc).
glusterd_pid() {
    local pidfile pid
    pidfile="$(node_dir "$1")/glusterd.pid"
    [[ -s $pidfile ]] || return 1
    pid=$(<"$pidfile")
    is_gluster_pid "$pid" || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$(sock_of "$1")" || return 1
    echo "$pid"
}

# Mount points under the testbed root, deepest first.
mounts_under_root() {
    awk -v root="$ROOT" '$5 == root || index($5, root "/") == 1 { print $5 }' /proc/self/mountinfo |
        sort -r
}

# FUSE mounts of testbed volumes elsewhere: fuse.glusterfs whose source is a testbed address.
fuse_mounts_of_testbed() {
    awk '{ for (k = 7; $k != "-"; k++); if ($(k + 1) == "fuse.glusterfs") print $(k + 2), $5 }' \
        /proc/self/mountinfo | while read -r source target; do
        if [[ $source == 127.1.1.*:* ]]; then echo "$target"; fi
    done
}

# Every Gluster process of the testbed: glusterds by pid file, bricks, self-heal daemons, rebalance
# and FUSE clients by a command line naming the testbed root.
testbed_pids() {
    local i pid
    for ((i = 1; i <= NODES; i++)); do glusterd_pid "$i" || true; done
    for pid in /proc/[0-9]*; do
        pid=${pid#/proc/}
        is_gluster_pid "$pid" || continue
        if tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$ROOT/"; then echo "$pid"; fi
    done
}

json_str() { printf '"%s"' "$1"; }

write_wrapper() {
    local i=$1 dir sock glfsheal=""
    dir=$(node_dir "$i")
    sock=$(sock_of "$i")
    for candidate in /usr/lib/x86_64-linux-gnu/glusterfs/glfsheal /usr/lib/aarch64-linux-gnu/glusterfs/glfsheal \
        /usr/libexec/glusterfs/glfsheal /usr/lib/glusterfs/glfsheal /usr/sbin/glfsheal; do
        [[ -x $candidate ]] && { glfsheal=$candidate; break; }
    done
    mkdir -p "$dir/bin"
    cat >"$dir/bin/gluster.tmp" <<EOF
#!/usr/bin/env bash
# gluster CLI of Brickyard testbed node $i ($(host_of "$i")), talking to its glusterd at $sock.
set -euo pipefail
SOCK=$sock
GLFSHEAL=$glfsheal
EOF
    cat >>"$dir/bin/gluster.tmp" <<'EOF'
# `volume heal VOL info [summary|split-brain]`: the CLI runs glfsheal without the socket, so run it here.
words=() xml=0
for a in "$@"; do
    case $a in
        --xml) xml=1 ;;
        --*) ;;
        *) words+=("$a") ;;
    esac
done
if [[ -n $GLFSHEAL && ${#words[@]} -ge 4 && ${words[0]} == volume && ${words[1]} == heal && ${words[3]} == info ]]; then
    op=()
    case ${words[4]:-} in
        '') ;;
        summary) op=(info-summary) ;;
        split-brain) op=(split-brain-info) ;;
        *) exec /usr/sbin/gluster --glusterd-sock="$SOCK" "$@" ;;
    esac
    ((xml)) && op+=(--xml)
    exec "$GLFSHEAL" "${words[2]}" "${op[@]}" glusterd-sock "$SOCK"
fi
exec /usr/sbin/gluster --glusterd-sock="$SOCK" "$@"
EOF
    chmod 755 "$dir/bin/gluster.tmp"
    mv "$dir/bin/gluster.tmp" "$dir/bin/gluster"
}

# Attach, format (first time only) and mount device j of node i.
setup_device() {
    local i=$1 j=$2 dir img mnt loop
    dir=$(node_dir "$i")
    img="$dir/d$j.img"
    mnt="$dir/d$j"
    mkdir -p "$mnt"
    mountpoint -q "$mnt" && return 0
    if [[ ! -f $img ]]; then
        truncate -s "$SIZE" "$img"
        mkfs.xfs -q -i size=512 -n size=8192 "$img"
    fi
    loop=$(losetup -j "$img" | head -n1 | cut -d: -f1)
    [[ -n $loop ]] || loop=$(losetup --find --show "$img")
    mount -t xfs -o noatime,inode64 "$loop" "$mnt"
}

start_glusterd() {
    local i=$1 dir base span
    dir=$(node_dir "$i")
    # Brick ports: node i gets its own slice of 49152-65535 (at most 100 ports).
    span=$(((65535 - 49152 + 1) / NODES))
    ((span > 100)) && span=100
    base=$((49152 + (i - 1) * span))
    glusterd \
        --xlator-option "management.working-directory=$dir/glusterd" \
        --xlator-option "management.run-directory=$dir/run" \
        --xlator-option "management.glusterd-sockfile=$(sock_of "$i")" \
        --xlator-option "management.transport.socket.bind-address=$(host_of "$i")" \
        --xlator-option "management.base-port=$base" \
        --xlator-option "management.max-port=$((base + span - 1))" \
        --xlator-option "management.logging-directory=$dir/log" \
        --pid-file="$dir/glusterd.pid" \
        --log-file="$dir/log/glusterd.log"
}

write_config() {
    local i j sep devs dir nodes="" paths="" topo=""
    for ((i = 1; i <= NODES; i++)); do
        dir=$(node_dir "$i")
        devs=""
        for ((j = 1; j <= DEVICES; j++)); do
            devs+="${devs:+, }$(json_str "$dir/d$j")"
        done
        sep=$([[ $i -lt $NODES ]] && echo "," || true)
        paths+="
        \"$(host_of "$i")\": {\"path\": $(json_str "$dir/bin")}$sep"
        nodes+="
    {\"host\": \"$(host_of "$i")\", \"zone\": $i, \"glusterd_socket\": $(json_str "$(sock_of "$i")"),
     \"path\": $(json_str "$dir/bin"), \"devices\": [$devs]}$sep"
        topo+="
        {\"node\": {\"hostnames\": {\"manage\": [\"$(host_of "$i")\"], \"storage\": [\"$(host_of "$i")\"]}, \"zone\": $i},
         \"devices\": [$devs]}$sep"
    done
    cat >"$ROOT/brickyard.json.tmp" <<EOF
{
  "port": "8080",
  "glusterfs": {
    "executor": "local",
    "db": $(json_str "$ROOT/brickyard.db"),
    "localexec": {
      "nodes": {$paths
      },
      "gluster_cli_timeout": 120
    }
  }
}
EOF
    cat >"$ROOT/testbed.json.tmp" <<EOF
{
  "root": $(json_str "$ROOT"),
  "nodes": [$nodes
  ]
}
EOF
    cat >"$ROOT/topology.json.tmp" <<EOF
{
  "clusters": [
    {
      "nodes": [$topo
      ]
    }
  ]
}
EOF
    local f
    for f in brickyard testbed topology; do mv "$ROOT/$f.json.tmp" "$ROOT/$f.json"; done
}

cmd_up() {
    [[ $EUID -eq 0 ]] || die "must run as root (loop devices, mounts, glusterd)"
    local tool
    for tool in glusterd gluster mkfs.xfs losetup mount; do
        command -v "$tool" >/dev/null || die "$tool not found (Scripts/bootstrap.sh installs it)"
    done
    local i j started=()
    mkdir -p "$ROOT/mnt"
    for ((i = 1; i <= NODES; i++)); do
        local dir
        dir=$(node_dir "$i")
        mkdir -p "$dir/glusterd" "$dir/run" "$dir/log"
        write_wrapper "$i"
        for ((j = 1; j <= DEVICES; j++)); do setup_device "$i" "$j"; done
    done
    # glusterd takes a second or so to daemonize: start all nodes at once.
    for ((i = 1; i <= NODES; i++)); do
        if ! glusterd_pid "$i" >/dev/null; then
            if (exec 3<>"/dev/tcp/$(host_of "$i")/24007") 2>/dev/null; then
                die "$(host_of "$i"):24007 is taken by a glusterd that is not this testbed's (another testbed? bring it down first)"
            fi
            start_glusterd "$i" &
            started+=("$!")
        fi
    done
    for pid in "${started[@]}"; do wait "$pid" || die "a glusterd failed to start (see $ROOT/n*/log/glusterd.log)"; done
    # Wait until every glusterd answers on its CLI socket.
    local deadline=$((SECONDS + WAIT_SECONDS))
    for ((i = 1; i <= NODES; i++)); do
        until cli "$i" pool list >/dev/null 2>&1; do
            ((SECONDS < deadline)) || die "glusterd of node $i does not answer (see $(node_dir "$i")/log/glusterd.log)"
            sleep 0.1
        done
    done
    if [[ $PROBE == 1 ]]; then
        for ((i = 2; i <= NODES; i++)); do
            cli 1 peer probe "$(host_of "$i")" >/dev/null
        done
        # Wait until node 1 sees every peer connected.
        until [[ $(cli 1 pool list 2>/dev/null | grep -c 'Connected') -eq $NODES ]]; do
            ((SECONDS < deadline)) || die "the trusted pool did not form: $(cli 1 pool list 2>&1)"
            sleep 0.1
        done
    fi
    write_config
    echo "$ROOT/brickyard.json"
}

cmd_down() {
    [[ $EUID -eq 0 ]] || die "must run as root"
    local i target pid pids
    # 1. FUSE mounts of testbed volumes: under the root, or anywhere with a 127.1.1.x source.
    for target in $( (mounts_under_root; fuse_mounts_of_testbed) | sort -ru); do
        if awk -v t="$target" '$5 == t' /proc/self/mountinfo | grep -q ' - fuse'; then
            umount "$target" 2>/dev/null || umount -l "$target" || true
        fi
    done
    # 2. Optionally stop and delete the volumes through glusterd (the pool shares them: ask each node).
    if [[ $STOP_VOLUMES == 1 ]]; then
        for ((i = 1; i <= NODES; i++)); do
            glusterd_pid "$i" >/dev/null || continue
            for vol in $(cli "$i" volume list 2>/dev/null | grep -v '^No volumes' || true); do
                cli "$i" volume stop "$vol" force >/dev/null 2>&1 || true
                cli "$i" volume delete "$vol" >/dev/null 2>&1 || true
            done
        done
    fi
    # 3. Gluster processes of the testbed: SIGTERM, then SIGKILL what is left after 2 s. Remember the
    #    sockets they were told to create outside the root (bricks and daemons use /var/run/gluster).
    pids=$(testbed_pids | sort -u)
    local sockets=()
    for pid in $pids; do
        while read -r s; do [[ -n $s ]] && sockets+=("$s"); done < <(
            tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null | awk 'prev == "-S" { print } { prev = $0 }')
    done
    if [[ -n $pids ]]; then
        kill $pids 2>/dev/null || true
        for _ in {1..20}; do
            local alive=""
            for pid in $pids; do is_gluster_pid "$pid" && alive+=" $pid"; done
            [[ -z $alive ]] && break
            sleep 0.1
        done
        for pid in $pids; do is_gluster_pid "$pid" && kill -9 "$pid" 2>/dev/null || true; done
    fi
    # Bricks and daemons that stopped earlier (volume stop, replace-brick) may have left theirs too: their
    # logs under the root name them ("-S /var/run/gluster/<hash>.socket"). Keep any still listened on.
    if [[ -d $ROOT ]]; then
        while read -r s; do sockets+=("$s"); done < <(
            grep -rhoE -- '-S /[^ )]+\.socket' "$ROOT"/n*/log 2>/dev/null | cut -c4- | sort -u || true)
    fi
    local listening
    listening=$(ss -xlnH 2>/dev/null | awk '{ print $5 }' || true)
    for s in "${sockets[@]}"; do
        [[ $s == *.socket && -S $s ]] || continue
        grep -qxF -- "$s" <<<"$listening" || rm -f "$s"
    done
    # 4. Everything still mounted under the root (the XFS devices), deepest first.
    for target in $(mounts_under_root); do
        umount "$target" 2>/dev/null || umount -l "$target"
    done
    # 5. The loop devices backing the testbed's images, and only those.
    if [[ -d $ROOT ]]; then
        local img loop
        for img in "$ROOT"/n*/d*.img; do
            [[ -f $img ]] || continue
            for loop in $(losetup -j "$img" | cut -d: -f1); do losetup -d "$loop" || true; done
        done
    fi
    # 6. The state, so the next `up` starts clean.
    rm -rf --one-file-system "$ROOT"
}

cmd_status() {
    local i j ok=0 pid
    for ((i = 1; i <= NODES; i++)); do
        local dir
        dir=$(node_dir "$i")
        if pid=$(glusterd_pid "$i"); then
            echo "node $i $(host_of "$i"): glusterd running (pid $pid), socket $(sock_of "$i")"
        else
            echo "node $i $(host_of "$i"): glusterd NOT running"
            ok=1
        fi
        for ((j = 1; j <= DEVICES; j++)); do
            if mountpoint -q "$dir/d$j"; then
                echo "  d$j: mounted $(findmnt -n -o SOURCE,FSTYPE,SIZE "$dir/d$j" 2>/dev/null | tr -s ' ')"
            else
                echo "  d$j: NOT mounted"
                ok=1
            fi
        done
    done
    for ((i = 1; i <= NODES; i++)); do
        glusterd_pid "$i" >/dev/null || continue
        echo "pool as seen by node $i:"
        cli "$i" pool list 2>&1 | sed 's/^/  /' || true
        echo "volumes: $(cli "$i" volume list 2>/dev/null | tr '\n' ' ')"
        break
    done
    local fuse
    fuse=$( (mounts_under_root; fuse_mounts_of_testbed) | sort -u |
        while read -r t; do awk -v t="$t" '$5 == t' /proc/self/mountinfo | grep -q ' - fuse' && echo "$t"; done || true)
    [[ -n $fuse ]] && echo "FUSE mounts: $(echo $fuse)"
    if ((ok == 0)); then echo "testbed: up ($NODES nodes)"; else echo "testbed: not (fully) up"; fi
    return $ok
}

case ${1:-} in
    up) cmd_up ;;
    down) cmd_down ;;
    status) cmd_status ;;
    *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
