# Debian rootfs helpers for scripts/kind/node-image (sourced, not run).
# A debootstrapped bookworm minbase is cached once; a rootfs "minbase + some
# packages" is cached as a tar.zst keyed by its package list, so a rebuild
# only unpacks it. Needs root, debootstrap, zstd, util-linux (unshare).
# shellcheck shell=bash

SUITE=${DEBIAN_SUITE:-bookworm}
ROOTFS_CACHE=$KIND_CACHE/build/rootfs

# Mirrors from apt's own view of the machine's sources (deb822 or one-line).
detect_mirrors() {
  local targets
  targets=$(apt-get indextargets --format '$(REPO_URI) $(RELEASE)' 2>/dev/null | sort -u || true)
  MIRROR=${DEBIAN_MIRROR:-$(awk -v s="$SUITE" '$2 == s {print $1; exit}' <<<"$targets")}
  MIRROR=${MIRROR:-http://deb.debian.org/debian}
  SECURITY_MIRROR=${DEBIAN_SECURITY_MIRROR:-$(awk -v s="$SUITE-security" '$2 == s {print $1; exit}' <<<"$targets")}
  SECURITY_MIRROR=${SECURITY_MIRROR:-http://deb.debian.org/debian-security}
}
detect_mirrors

# in_chroot ROOT CMD...: CMD in ROOT with /proc, /dev and the shared apt
# archive cache mounted in a private mount namespace (gone when it exits).
in_chroot() {
  local root=$1; shift
  mkdir -p "$ROOTFS_CACHE/apt-archives/partial"
  unshare --mount --propagation private --fork -- /bin/bash -euc '
    R=$1; A=$2; shift 2
    mount -t proc proc "$R/proc"
    mount --rbind /dev "$R/dev"
    mkdir -p "$R/var/cache/apt/archives"
    mount --bind "$A" "$R/var/cache/apt/archives"
    exec chroot "$R" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
      HOME=/root LC_ALL=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"
  ' _ "$root" "$ROOTFS_CACHE/apt-archives" "$@"
}

# drop docs, man pages, apt lists and caches, logs, runtime state
slim_rootfs() {
  local r=$1
  rm -rf "$r"/usr/share/man/* "$r"/usr/share/info/* "$r"/usr/share/lintian "$r"/usr/share/bug \
    "$r"/var/lib/apt/lists/* "$r"/var/cache/apt/*.bin "$r"/var/cache/apt/archives/* \
    "$r"/var/cache/debconf/*-old "$r"/var/lib/dpkg/*-old "$r"/var/cache/ldconfig/aux-cache
  find "$r/usr/share/doc" -mindepth 1 ! -type d ! -name copyright -delete 2>/dev/null || true
  find "$r/usr/share/doc" -mindepth 1 -type d -empty -delete 2>/dev/null || true
  find "$r/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name locale.alias -exec rm -rf {} + 2>/dev/null || true
  find "$r/var/log" -type f -delete
  mkdir -p "$r/var/cache/apt/archives/partial" "$r/var/lib/apt/lists/partial"
  rm -rf "${r:?}"/tmp/* "${r:?}"/var/tmp/* "${r:?}"/run/* "${r:?}"/dev/* "${r:?}"/proc/* "${r:?}"/sys/*
  chmod 1777 "$r/tmp" "$r/var/tmp"
  : >"$r/etc/resolv.conf"
  [[ ! -e $r/etc/machine-id ]] || : >"$r/etc/machine-id"
  rm -f "$r/usr/sbin/policy-rc.d"
}

pack_rootfs() { # DIR TAR.zst
  tar --create --directory "$1" --numeric-owner --sort=name --xattrs . | zstd -q -T0 -3 -o "$2.part"
  mv "$2.part" "$2"
}
unpack_rootfs() { # TAR.zst DIR
  mkdir -p "$2"
  zstd -q -dc "$1" | tar --extract --directory "$2" --numeric-owner --xattrs -p
}

# Prints the path of the cached minbase tarball, debootstrapping it if needed.
base_tar() {
  local recipe="v1 $SUITE minbase $MIRROR $SECURITY_MIRROR dist-upgrade"
  local key
  key=$(printf '%s' "$recipe" | sha256sum | cut -c1-16)
  local tar=$ROOTFS_CACHE/base-$SUITE-$key.tar.zst
  if [[ ! -f $tar ]]; then
    local r t
    r=$(mktemp -d "$ROOTFS_CACHE/tmp.XXXXXX")
    t=$(now)
    log "debootstrap --variant=minbase $SUITE from $MIRROR"
    mkdir -p "$ROOTFS_CACHE/debootstrap-debs"
    debootstrap --variant=minbase --cache-dir="$ROOTFS_CACHE/debootstrap-debs" "$SUITE" "$r" "$MIRROR" \
      >"$r.log" 2>&1 || { tail -n 30 "$r.log" >&2; die "debootstrap failed"; }
    cat >"$r/etc/apt/sources.list" <<SRC
deb $MIRROR $SUITE main
deb $MIRROR $SUITE-updates main
deb $SECURITY_MIRROR $SUITE-security main
SRC
    printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\nAcquire::Languages "none";\n' \
      >"$r/etc/apt/apt.conf.d/labs-container"
    printf 'path-exclude=/usr/share/doc/*\npath-include=/usr/share/doc/*/copyright\npath-exclude=/usr/share/man/*\npath-exclude=/usr/share/info/*\npath-exclude=/usr/share/locale/*\npath-include=/usr/share/locale/locale.alias\n' \
      >"$r/etc/dpkg/dpkg.cfg.d/labs-nodoc"
    cp /etc/resolv.conf "$r/etc/resolv.conf"
    printf '#!/bin/sh\nexit 101\n' >"$r/usr/sbin/policy-rc.d"
    chmod 755 "$r/usr/sbin/policy-rc.d"
    in_chroot "$r" sh -c 'apt-get update -qq && apt-get -y -qq -o Dpkg::Options::=--force-confold dist-upgrade' \
      >>"$r.log" 2>&1 || { tail -n 30 "$r.log" >&2; die "base upgrade failed"; }
    slim_rootfs "$r"
    pack_rootfs "$r" "$tar"
    rm -rf --one-file-system "$r" "$r.log"
    log "base rootfs in $(since "$t")s"
  fi
  echo "$tar"
}

# packages_tar NAME PKG...: prints the path of the cached "minbase + PKG..."
# tarball (built if needed).
packages_tar() {
  local name=$1; shift
  local base key tar
  base=$(base_tar)
  key=$(printf '%s ' "v1" "$(basename "$base")" "$@" | sha256sum | cut -c1-16)
  tar=$ROOTFS_CACHE/$name-$key.tar.zst
  if [[ ! -f $tar ]]; then
    local r t
    r=$(mktemp -d "$ROOTFS_CACHE/tmp.XXXXXX")
    t=$(now)
    unpack_rootfs "$base" "$r"
    cp /etc/resolv.conf "$r/etc/resolv.conf"
    printf '#!/bin/sh\nexit 101\n' >"$r/usr/sbin/policy-rc.d"
    chmod 755 "$r/usr/sbin/policy-rc.d"
    log "$name: apt-get install $*"
    in_chroot "$r" sh -c 'apt-get update -qq && apt-get install -y -qq --no-install-recommends "$@"' _ "$@" \
      >"$r.log" 2>&1 || { tail -n 40 "$r.log" >&2; die "apt-get install for $name failed"; }
    slim_rootfs "$r"
    pack_rootfs "$r" "$tar"
    rm -rf --one-file-system "$r" "$r.log"
    log "$name rootfs in $(since "$t")s"
  fi
  echo "$tar"
}
