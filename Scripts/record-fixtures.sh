#!/usr/bin/env bash
# Records real `gluster` and LVM outputs into Tests/Fixtures/{gluster,lvm}/ and writes
# Tests/Fixtures/README.md listing, for every file, the command that produced it and its exit code.
#
# Usage (as root, on a machine with glusterfs-server, xfsprogs, lvm2 and loop devices):
#   Scripts/record-fixtures.sh
# It brings the loopback testbed up (Scripts/testbed.sh, 4 nodes), builds a few volumes, records, and
# takes the testbed down again. UUIDs, ports and pids in the fixtures are those of the recording run.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
OUT=${FIXTURES_OUT:-$REPO/Tests/Fixtures}
GOUT=$OUT/gluster
LOUT=$OUT/lvm
export TESTBED_ROOT=${TESTBED_ROOT:-/srv/brickyard-testbed}
export TESTBED_NODES=4
export LVM_SUPPRESS_FD_WARNINGS=1
ROOT=$TESTBED_ROOT
ROWS=$(mktemp)
LVM_TMP=$(mktemp -d)
LOOP=""
VG=vg_0f1e2d3c4b5a69788796a5b4c3d2e1f0
lvm_cleanup() {
    vgremove -qq -f "$VG" >/dev/null 2>&1 || true
    [[ -n $LOOP ]] && { pvremove -qq -f "$LOOP" >/dev/null 2>&1 || true; losetup -d "$LOOP" 2>/dev/null || true; }
    rm -rf "$LVM_TMP"
    LOOP=""
}
trap 'rm -f "$ROWS"; Scripts/testbed.sh down >/dev/null 2>&1 || true; lvm_cleanup' EXIT

mkdir -p "$GOUT" "$LOUT"
rm -f "$GOUT"/* "$LOUT"/*

# row FILE EXIT COMMAND...: one line of the README table.
row() {
    local file=$1 rc=$2
    shift 2
    printf '| `%s` | `%s` | %s |\n' "$file" "$*" "$rc" >>"$ROWS"
}

# rec FILE STREAM NODE ARGS...: run `gluster --mode=script ARGS` on node NODE (through its wrapper,
# n<NODE>/bin/gluster, i.e. `gluster --glusterd-sock=<its socket>`), keep STREAM (stdout, stderr or
# both: stdout then stderr) in FILE, record the exit code.
rec() {
    local file=$1 stream=$2 node=$3 rc=0
    shift 3
    "$ROOT/n$node/bin/gluster" --mode=script "$@" >"$GOUT/$file.out" 2>"$GOUT/$file.err" || rc=$?
    case $stream in
        stdout) mv "$GOUT/$file.out" "$GOUT/$file"; rm -f "$GOUT/$file.err" ;;
        stderr) mv "$GOUT/$file.err" "$GOUT/$file"; rm -f "$GOUT/$file.out" ;;
        both) cat "$GOUT/$file.out" "$GOUT/$file.err" >"$GOUT/$file"; rm -f "$GOUT/$file.out" "$GOUT/$file.err" ;;
    esac
    row "gluster/$file" "$rc" "gluster --mode=script $* ($stream, on 127.1.1.$node)"
}

g() { local node=$1; shift; "$ROOT/n$node/bin/gluster" --mode=script "$@"; }

# wait_for COMMAND...: retry for up to 20 s.
wait_for() {
    local deadline=$((SECONDS + 20))
    until "$@"; do
        ((SECONDS < deadline)) || { echo "timed out waiting for: $*" >&2; return 1; }
        sleep 0.1
    done
}
connected() { [[ $(g 1 pool list | grep -c Connected) -eq $1 ]]; }
not_in_pool() { ! g 1 pool list | grep -qF "$1"; }
disconnected() { g 1 peer status | grep -q Disconnected; }

brick() { # brick NODE DEVICE ID: make the brick directory, print HOST:PATH
    local dir="$ROOT/n$1/d$2/brick_$3/brick"
    mkdir -p "$dir"
    echo "127.1.1.$1:$dir"
}

Scripts/testbed.sh down >/dev/null
Scripts/testbed.sh up >/dev/null
g 1 peer probe 127.1.1.2 >/dev/null
g 1 peer probe 127.1.1.3 >/dev/null
wait_for connected 3

# Volumes: replica 3 with options (Heketi's naming: vol_<id>, bricks brick_<id>/brick), distribute,
# disperse 2+1.
R3=3b0e8d1b2a4c4f6e9d7c5b3a1f0e2d4c
DI=6a1f2e3d4c5b4a69887766554433221a
EC=9c8b7a6f5e4d4c3b2a1908f7e6d5c4b3
g 1 volume create vol_$R3 replica 3 "$(brick 1 1 a$R3)" "$(brick 2 1 b$R3)" "$(brick 3 1 c$R3)" >/dev/null
g 1 volume set vol_$R3 user.heketi.id $R3 >/dev/null
g 1 volume set vol_$R3 performance.quick-read off >/dev/null
g 1 volume set vol_$R3 cluster.quorum-type auto >/dev/null
g 1 volume start vol_$R3 >/dev/null
g 1 volume create vol_$DI "$(brick 1 2 a$DI)" "$(brick 2 2 b$DI)" "$(brick 3 2 c$DI)" >/dev/null
g 1 volume set vol_$DI user.heketi.id $DI >/dev/null
g 1 volume create vol_$EC disperse 3 redundancy 1 "$(brick 1 2 a$EC)" "$(brick 2 2 b$EC)" "$(brick 3 2 c$EC)" >/dev/null
g 1 volume start vol_$EC >/dev/null

rec volume-info-replica3.xml stdout 1 volume info vol_$R3 --xml
rec volume-info-distribute.xml stdout 1 volume info vol_$DI --xml
rec volume-info-disperse.xml stdout 1 volume info vol_$EC --xml
rec volume-info-all.xml stdout 1 volume info --xml
rec volume-info-replica3.txt stdout 1 volume info vol_$R3
rec volume-info-nonexistent.xml stdout 1 volume info vol_doesnotexist --xml
rec volume-info-nonexistent.txt both 1 volume info vol_doesnotexist
rec volume-list.txt stdout 1 volume list
rec volume-status-replica3.xml stdout 1 volume status vol_$R3 --xml
rec volume-status-replica3-detail.xml stdout 1 volume status vol_$R3 detail --xml
rec volume-status-disperse.xml stdout 1 volume status vol_$EC --xml
rec volume-status-stopped.xml stdout 1 volume status vol_$DI --xml
rec volume-status-stopped.txt both 1 volume status vol_$DI
rec volume-status-all.xml stdout 1 volume status all --xml
rec pool-list.txt stdout 1 pool list
rec pool-list.xml stdout 1 pool list --xml
rec peer-status.txt stdout 1 peer status
rec peer-status.xml stdout 1 peer status --xml
rec volume-heal-info.xml stdout 1 volume heal vol_$R3 info --xml
rec volume-heal-info-summary.xml stdout 1 volume heal vol_$R3 info summary --xml

# Heal info with pending entries: stop the brick of node 3, write through a FUSE mount.
mkdir -p "$ROOT/mnt/vol_$R3"
mount -t glusterfs -o backup-volfile-servers=127.1.1.2:127.1.1.3 127.1.1.1:/vol_$R3 "$ROOT/mnt/vol_$R3"
kill "$(cat "$ROOT"/n3/run/vols/vol_$R3/*.pid)"
sleep 1
for f in a b c; do echo "$f" >"$ROOT/mnt/vol_$R3/$f"; done
mkdir "$ROOT/mnt/vol_$R3/dir"
rec volume-heal-info-pending.xml stdout 1 volume heal vol_$R3 info --xml
rec volume-heal-info-pending.txt stdout 1 volume heal vol_$R3 info
rec volume-status-brick-down.xml stdout 1 volume status vol_$R3 --xml
g 1 volume start vol_$R3 force >/dev/null
umount "$ROOT/mnt/vol_$R3"

# Growing and replacing bricks.
rec volume-add-brick.txt both 1 volume add-brick vol_$R3 replica 3 "$(brick 1 2 d$R3)" "$(brick 2 2 e$R3)" "$(brick 3 2 f$R3)"
rec volume-rebalance-start.txt both 1 volume rebalance vol_$R3 start
sleep 2
rec volume-rebalance-status.xml stdout 1 volume rebalance vol_$R3 status --xml
rec volume-replace-brick.txt both 1 volume replace-brick vol_$R3 127.1.1.1:$ROOT/n1/d1/brick_a$R3/brick "$(brick 1 1 g$R3)" commit force

# Errors.
rec volume-create-brick-in-use.txt stderr 1 volume create vol_inuse 127.1.1.2:$ROOT/n2/d1/brick_b$R3/brick
rec volume-create-brick-in-use.xml stdout 1 volume create vol_inuse 127.1.1.2:$ROOT/n2/d1/brick_b$R3/brick --xml
rec volume-create-same-server.txt stderr 1 volume create vol_same replica 3 "$(brick 1 1 s1)" "$(brick 1 2 s2)" "$(brick 2 1 s3)"
mkdir -p /var/tmp/brickyard-rootfs-brick
rec volume-create-root-partition.txt stderr 1 volume create vol_root 127.1.1.1:/var/tmp/brickyard-rootfs-brick/brick
rmdir /var/tmp/brickyard-rootfs-brick 2>/dev/null || true
rec volume-create-exists.txt stderr 1 volume create vol_$DI "$(brick 1 1 x$DI)"
rec volume-create-unknown-host.txt stderr 1 volume create vol_unknown 127.1.1.9:$ROOT/n1/d1/brick_u/brick
rec volume-create-host-not-in-pool.txt stderr 1 volume create vol_notinpool 192.0.2.1:/data/brick_n/brick
rec volume-create-host-not-in-pool.xml stdout 1 volume create vol_notinpool 192.0.2.1:/data/brick_n/brick --xml
rec volume-delete-started.txt stderr 1 volume delete vol_$EC
rec volume-stop-nonexistent.txt stderr 1 volume stop vol_doesnotexist
rec peer-probe-unreachable.txt stderr 1 peer probe 127.1.1.9
rec peer-probe-unreachable.xml stdout 1 peer probe 127.1.1.9 --xml
rec peer-detach-has-bricks.txt stderr 1 peer detach 127.1.1.3

# Probe and detach a node without bricks.
rec peer-probe.txt stdout 1 peer probe 127.1.1.4
wait_for connected 4
rec peer-probe-again.txt stdout 1 peer probe 127.1.1.4
rec peer-detach.txt stdout 1 peer detach 127.1.1.4
g 1 peer probe 127.1.1.4 >/dev/null
wait_for connected 4
rec peer-probe-again.xml stdout 1 peer probe 127.1.1.4 --xml
rec peer-detach.xml stdout 1 peer detach 127.1.1.4 --xml
rec peer-detach-not-in-pool.txt stderr 1 peer detach 192.0.2.1
rec peer-detach-not-in-pool.xml stdout 1 peer detach 192.0.2.1 --xml
wait_for not_in_pool 127.1.1.4
sleep 2
rec peer-detach-not-in-pool-loopback.txt stderr 1 peer detach 127.1.1.4

# A node whose glusterd is down: the others see it Disconnected.
kill "$(cat "$ROOT/n3/glusterd.pid")"
wait_for disconnected
rec peer-status-disconnected.xml stdout 1 peer status --xml
rec pool-list-disconnected.txt stdout 1 pool list
rec volume-status-node-down.xml stdout 1 volume status vol_$R3 --xml
Scripts/testbed.sh up >/dev/null

# Stop and delete (the distribute volume was never started: stop it is an error).
rec volume-stop.txt stdout 1 volume stop vol_$EC
rec volume-stop-not-started.txt stderr 1 volume stop vol_$DI
rec volume-delete.txt stdout 1 volume delete vol_$EC
Scripts/testbed.sh down >/dev/null

GLUSTER_VERSION=$(gluster --version | head -n1)

# --- LVM, on a loop device (no device-mapper needed for pvs/vgs/lvs; lvcreate needs it) ---
lrec() { # lrec FILE STREAM COMMAND...
    local file=$1 stream=$2 rc=0
    shift 2
    if [[ $stream == stdout ]]; then "$@" >"$LOUT/$file" 2>/dev/null || rc=$?; else "$@" >/dev/null 2>"$LOUT/$file" || rc=$?; fi
    row "lvm/$file" "$rc" "${*//$LOOP/\/dev\/loopN} ($stream)"
}
truncate -s 2G "$LVM_TMP/disk.img"
LOOP=$(losetup --find --show "$LVM_TMP/disk.img")
pvcreate -qq --metadatasize=128M --dataalignment=256K "$LOOP"
vgcreate -qq --autobackup=n --physicalextentsize=4M "$VG" "$LOOP"
lrec pvs.json stdout pvs --reportformat json --units b --nosuffix -o pv_name,pv_uuid,pv_size,pv_free,pv_pe_count,pv_pe_alloc_count,vg_name "$LOOP"
lrec vgs.json stdout vgs --reportformat json --units b --nosuffix -o vg_name,vg_uuid,vg_size,vg_free,vg_extent_size,vg_extent_count,vg_free_count,pv_count,lv_count "$VG"
lrec lvs-empty.json stdout lvs --reportformat json --units b --nosuffix -o lv_name,vg_name,lv_size,pool_lv,data_percent,metadata_percent "$VG"
lrec vgs-nonexistent.txt stderr vgs --reportformat json --units b --nosuffix -o vg_name vg_doesnotexist
lrec lvcreate-thin-pool-no-dm.txt stderr lvcreate -qq --autobackup=n --poolmetadatasize 12288K --chunksize 256K --size 1073741824B --thin "$VG/tp_5e4d3c2b1a0f4e9d8c7b6a5f4e3d2c1b" --virtualsize 1073741824B --name brick_5e4d3c2b1a0f4e9d8c7b6a5f4e3d2c1b
sed -i "s#$LOOP#/dev/loopN#g" "$LOUT"/*
LVM_VERSION=$(lvm version | sed -n 's/^ *LVM version: *//p')
lvm_cleanup

# --- README ---
{
    cat <<EOF
# Fixtures

Real outputs of \`gluster\` and LVM, for parser and executor tests. Recorded by \`Scripts/record-fixtures.sh\`
on $(date -u +%Y-%m-%d) with $GLUSTER_VERSION and LVM $LVM_VERSION ($(. /etc/os-release; echo "$PRETTY_NAME")).

## gluster/

Recorded on the loopback testbed (\`Scripts/testbed.sh\`): glusterd nodes at 127.1.1.1 to 127.1.1.4, each with
its own CLI socket; \`gluster\` below stands for \`gluster --glusterd-sock=<socket of the node named>\`. Node 1
probed 127.1.1.2 and 127.1.1.3 (the pool); node 4 joins only for the probe/detach fixtures. Volumes:

- \`vol_$R3\`: replica 3, bricks \`n1/d1\`, \`n2/d1\`, \`n3/d1\`, options \`user.heketi.id\`,
  \`performance.quick-read off\`, \`cluster.quorum-type auto\`; started. Later grown by a second replica set
  (\`volume-add-brick.txt\`) and one brick replaced (\`volume-replace-brick.txt\`).
- \`vol_$DI\`: distribute over 3 bricks, \`user.heketi.id\` set; never started.
- \`vol_$EC\`: disperse 3 (2 + 1 redundancy); started, then stopped and deleted at the end.

\`volume heal ... info\` goes through \`glfsheal\`: the gluster CLI starts it without the node's socket, so the
testbed's \`n<i>/bin/gluster\` runs \`glfsheal VOL [info-summary] [--xml] glusterd-sock <socket>\` itself
(same output format). The "pending" heal fixtures were taken with the brick of node 3 killed after files
\`a\`, \`b\`, \`c\` and directory \`dir\` were written through a FUSE mount.

Testbed quirk: glusterd counts every 127.x.x.x address that is not a peer as itself. A brick on a
127.1.1.x host outside the pool is taken as a local brick of every node (so \`volume-create-unknown-host.txt\`,
with 127.1.1.9, fails on the brick directory instead of the host), and detaching such a host answers "is
localhost" (\`peer-detach-not-in-pool-loopback.txt\`). The "not in pool" fixtures therefore use
192.0.2.1 (a documentation address; no traffic is sent to it by \`volume create\` or \`peer detach\`).

Where the stream is "both", the file holds stdout followed by stderr. With \`--xml\`, gluster writes errors
into the XML (\`opRet\`, \`opErrno\`, \`opErrstr\`) on stdout; note the exit codes (some XML errors exit 0).

## lvm/

A 2 GiB sparse file on \`/dev/loopN\`: \`pvcreate -qq --metadatasize=128M --dataalignment=256K /dev/loopN\`,
\`vgcreate -qq --autobackup=n --physicalextentsize=4M $VG /dev/loopN\`. The kernel had no device-mapper, so
no LV can be created (\`lvcreate-thin-pool-no-dm.txt\`: Heketi's thin pool + thin LV command).

## Files

| file | command | exit code |
| --- | --- | --- |
EOF
    cat "$ROWS"
} >"$OUT/README.md"
echo "recorded $(ls "$GOUT" | wc -l) gluster and $(ls "$LOUT" | wc -l) lvm fixtures into $OUT" >&2
