#!/usr/bin/env python3
"""A one-layer docker image from a rootfs, without a Dockerfile or registry.

  dockerimage.py pack ROOTFS OUT.tar.zst
      tar the rootfs (sorted, numeric owners, xattrs) into a zstd file and
      record the uncompressed layer's sha256 and size in OUT.tar.zst.json.
  dockerimage.py archive OUT.tar.zst CONFIG.json TAG
      write a `docker load` archive (manifest.json, image config, layer.tar
      streamed from the zstd file) to stdout. CONFIG.json holds the image
      config ("Env", "Entrypoint", "StopSignal", "Labels", ...).

`docker import --change` cannot set STOPSIGNAL (docker 20.10); `docker load`
takes the whole image config, so the node image gets kind's SIGRTMIN+3.
"""
import hashlib
import json
import subprocess
import sys
import tarfile
import time
import io

CHUNK = 1 << 20


def pack(rootfs, out):
    tar = subprocess.Popen(["tar", "--create", "--directory", rootfs, "--numeric-owner", "--sort=name",
                            "--xattrs", "--xattrs-include=security.capability", "--format=posix",
                            "--pax-option=delete=atime,delete=ctime", "."], stdout=subprocess.PIPE)
    with open(out + ".part", "wb") as f:
        z = subprocess.Popen(["zstd", "-q", "-T0", "-3", "-c"], stdin=subprocess.PIPE, stdout=f)
        h, size = hashlib.sha256(), 0
        while True:
            b = tar.stdout.read(CHUNK)
            if not b:
                break
            h.update(b)
            size += len(b)
            z.stdin.write(b)
        z.stdin.close()
        if tar.wait() != 0 or z.wait() != 0:
            raise SystemExit("tar | zstd failed")
    with open(out + ".json", "w") as f:
        json.dump({"diff_id": "sha256:" + h.hexdigest(), "size": size}, f)
    import os
    os.replace(out + ".part", out)


def add(tf, name, data):
    ti = tarfile.TarInfo(name)
    ti.size, ti.mode, ti.mtime = len(data), 0o644, int(time.time())
    tf.addfile(ti, io.BytesIO(data))


def archive(src, config_path, tag):
    with open(src + ".json") as f:
        meta = json.load(f)
    with open(config_path) as f:
        cfg = json.load(f)
    created = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    config = {"architecture": "amd64", "os": "linux", "created": created, "config": cfg,
              "rootfs": {"type": "layers", "diff_ids": [meta["diff_id"]]},
              "history": [{"created": created, "created_by": "labs scripts/kind/node-image"}]}
    config_b = json.dumps(config, sort_keys=True, separators=(",", ":")).encode()
    config_name = hashlib.sha256(config_b).hexdigest() + ".json"
    layer_name = meta["diff_id"][7:] + "/layer.tar"
    manifest = [{"Config": config_name, "RepoTags": [tag], "Layers": [layer_name]}]
    out = sys.stdout.buffer
    with tarfile.open(fileobj=out, mode="w|", format=tarfile.PAX_FORMAT) as tf:
        add(tf, "manifest.json", json.dumps(manifest).encode())
        add(tf, config_name, config_b)
        z = subprocess.Popen(["zstd", "-q", "-dc", src], stdout=subprocess.PIPE)
        ti = tarfile.TarInfo(layer_name)
        ti.size, ti.mode, ti.mtime = meta["size"], 0o644, int(time.time())
        tf.addfile(ti, z.stdout)
        if z.wait() != 0:
            raise SystemExit("zstd -dc failed")


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "pack":
        pack(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 5 and sys.argv[1] == "archive":
        archive(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
