#!/usr/bin/env python3
"""Minimal OCI image-layout archive tool (Python 3 stdlib only).

  oci.py pack    --rootfs DIR --image-json FILE --out FILE.tar
                 Pack DIR as a single gzip layer, write config/manifest/index
                 and an OCI image layout tar importable by
                 `ctr images import` (containerd >= 1.6) and `docker load`.
  oci.py verify  FILE.tar     Check layout, JSON, sizes and sha256 digests
                              (blob names, descriptors and layer diff_ids).
  oci.py config  FILE.tar     Print the image config ("config" object) JSON.
  oci.py names   FILE.tar     Print the reference names, one per line.
  oci.py extract FILE.tar DIR Unpack the image's layers into DIR (for tests).

image.json (one per image recipe):
  {"names": ["docker.io/library/busybox:latest", ...],
   "config": {"Env": [...], "Entrypoint": [...], "Cmd": [...], ...},
   "author": "...", "comment": "..."}
"""
import argparse
import gzip
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zlib

MT_INDEX = "application/vnd.oci.image.index.v1+json"
MT_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
MT_CONFIG = "application/vnd.oci.image.config.v1+json"
MT_LAYER_GZ = "application/vnd.oci.image.layer.v1.tar+gzip"
MT_LAYER = "application/vnd.oci.image.layer.v1.tar"
# docker formats, accepted when verifying
MT_D_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json"
MT_D_LIST = "application/vnd.docker.distribution.manifest.list.v2+json"
MT_D_CONFIG = "application/vnd.docker.container.image.v1+json"
MT_D_LAYER_GZ = "application/vnd.docker.image.rootfs.diff.tar.gzip"

ANN_CTR_NAME = "io.containerd.image.name"
ANN_REF_NAME = "org.opencontainers.image.ref.name"

CHUNK = 1 << 20


def canon(obj):
    return json.dumps(obj, sort_keys=True, separators=(",", ":")).encode()


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def ref_tag(name):
    """'docker.io/library/busybox:1.36' -> '1.36' (what docker/containerd put in ref.name)."""
    last = name.rsplit("/", 1)[-1]
    if "@" in last:
        return name.rsplit("@", 1)[1]
    if ":" in last:
        return last.rsplit(":", 1)[1]
    return "latest"


def source_date_epoch():
    v = os.environ.get("SOURCE_DATE_EPOCH")
    return int(v) if v else int(time.time())


def make_layer(rootfs, out_path, level):
    """tar the rootfs (GNU tar, sorted, numeric owners), gzip it.

    Returns (diff_id hex, gz digest hex, gz size)."""
    entries = sorted(os.listdir(rootfs))
    cmd = [
        "tar", "--create", "--file=-", "--directory", rootfs,
        "--sort=name", "--numeric-owner", "--format=posix",
        "--pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime",
        "--no-acls", "--no-selinux", "--xattrs", "--xattrs-include=security.capability",
        "--",
    ] + entries
    diff = hashlib.sha256()
    gzd = hashlib.sha256()
    size = 0
    comp = zlib.compressobj(level, zlib.DEFLATED, 31)  # gzip wrapper
    # gzip header written by zlib contains mtime 0 and OS=unix-ish: reproducible
    with open(out_path, "wb") as out:
        p = subprocess.Popen(cmd, stdout=subprocess.PIPE)
        while True:
            buf = p.stdout.read(CHUNK)
            if not buf:
                break
            diff.update(buf)
            z = comp.compress(buf)
            if z:
                gzd.update(z)
                out.write(z)
                size += len(z)
        z = comp.flush()
        gzd.update(z)
        out.write(z)
        size += len(z)
        if p.wait() != 0:
            raise SystemExit("tar failed with exit code %d" % p.returncode)
    return diff.hexdigest(), gzd.hexdigest(), size


def add_bytes(tf, name, data, mtime):
    ti = tarfile.TarInfo(name)
    ti.size = len(data)
    ti.mode = 0o644
    ti.mtime = mtime
    tf.addfile(ti, io.BytesIO(data))


def add_dir(tf, name, mtime):
    ti = tarfile.TarInfo(name)
    ti.type = tarfile.DIRTYPE
    ti.mode = 0o755
    ti.mtime = mtime
    tf.addfile(ti)


def cmd_pack(a):
    with open(a.image_json) as f:
        spec = json.load(f)
    names = spec["names"]
    if not names:
        raise SystemExit("image.json: no names")
    created_ts = source_date_epoch()
    created = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(created_ts))
    tmpdir = tempfile.mkdtemp(prefix="oci-pack-", dir=os.path.dirname(os.path.abspath(a.out)))
    try:
        layer_path = os.path.join(tmpdir, "layer")
        diff_id, gz_hex, gz_size = make_layer(a.rootfs, layer_path, a.level)
        cfg = dict(spec.get("config", {}))
        config = {
            "created": created,
            "architecture": "amd64",
            "os": "linux",
            "config": cfg,
            "rootfs": {"type": "layers", "diff_ids": ["sha256:" + diff_id]},
            "history": [{
                "created": created,
                "created_by": spec.get("comment", "labs scripts/cluster/images/build (offline, from Debian packages)"),
            }],
        }
        if spec.get("author"):
            config["author"] = spec["author"]
        config_b = canon(config)
        config_desc = {"mediaType": MT_CONFIG, "digest": "sha256:" + sha256(config_b), "size": len(config_b)}
        manifest = {
            "schemaVersion": 2,
            "mediaType": MT_MANIFEST,
            "config": config_desc,
            "layers": [{"mediaType": MT_LAYER_GZ, "digest": "sha256:" + gz_hex, "size": gz_size}],
        }
        manifest_b = canon(manifest)
        mdesc = {"mediaType": MT_MANIFEST, "digest": "sha256:" + sha256(manifest_b), "size": len(manifest_b),
                 "platform": {"architecture": "amd64", "os": "linux"}}
        index = {"schemaVersion": 2, "mediaType": MT_INDEX, "manifests": []}
        for n in names:
            d = dict(mdesc)
            d["annotations"] = {ANN_CTR_NAME: n, ANN_REF_NAME: ref_tag(n)}
            index["manifests"].append(d)
        index_b = canon(index)
        # docker-load compatibility (docker >= 25 writes the same pair)
        docker_manifest = [{
            "Config": "blobs/sha256/" + config_desc["digest"][7:],
            "RepoTags": [n[len("docker.io/library/"):] if n.startswith("docker.io/library/") else n for n in names],
            "Layers": ["blobs/sha256/" + gz_hex],
        }]
        docker_manifest_b = canon(docker_manifest)

        part = a.out + ".part"
        with tarfile.open(part, "w", format=tarfile.PAX_FORMAT) as tf:
            mt = created_ts
            add_bytes(tf, "oci-layout", canon({"imageLayoutVersion": "1.0.0"}), mt)
            add_dir(tf, "blobs", mt)
            add_dir(tf, "blobs/sha256", mt)
            add_bytes(tf, "blobs/sha256/" + config_desc["digest"][7:], config_b, mt)
            add_bytes(tf, "blobs/sha256/" + mdesc["digest"][7:], manifest_b, mt)
            ti = tarfile.TarInfo("blobs/sha256/" + gz_hex)
            ti.size = gz_size
            ti.mode = 0o644
            ti.mtime = mt
            with open(layer_path, "rb") as lf:
                tf.addfile(ti, lf)
            add_bytes(tf, "index.json", index_b, mt)
            add_bytes(tf, "manifest.json", docker_manifest_b, mt)
        os.replace(part, a.out)
        print("packed %s: layer %s (%.1f MiB gz), manifest %s, names: %s" % (
            a.out, gz_hex[:12], gz_size / 1048576.0, mdesc["digest"][7:19], " ".join(names)))
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)


class Archive:
    """Random access to members of an image archive tar."""

    def __init__(self, path):
        self.tf = tarfile.open(path, "r:")
        self.members = {}
        for m in self.tf.getmembers():
            self.members[os.path.normpath(m.name)] = m

    def has(self, name):
        return os.path.normpath(name) in self.members

    def open(self, name):
        m = self.members.get(os.path.normpath(name))
        if m is None or not m.isfile():
            raise KeyError(name)
        return self.tf.extractfile(m), m.size

    def read(self, name):
        f, _ = self.open(name)
        return f.read()

    def json(self, name):
        return json.loads(self.read(name))

    def blob_path(self, digest):
        alg, hexd = digest.split(":", 1)
        return "blobs/%s/%s" % (alg, hexd)


def load_images(ar):
    """Return list of (names, manifest_desc, manifest, config) from index.json."""
    layout = ar.json("oci-layout")
    if layout.get("imageLayoutVersion") != "1.0.0":
        raise ValueError("oci-layout: unsupported version %r" % layout)
    index = ar.json("index.json")
    out = []

    def walk(desc):
        mt = desc.get("mediaType")
        body = ar.json(ar.blob_path(desc["digest"]))
        if mt in (MT_INDEX, MT_D_LIST):
            return [x for d in body["manifests"] for x in walk(d)]
        return [(desc, body)]

    for d in index["manifests"]:
        ann = d.get("annotations", {})
        names = [ann.get(ANN_CTR_NAME) or ann.get(ANN_REF_NAME) or "<unnamed>"]
        for mdesc, man in walk(d):
            cfg = ar.json(ar.blob_path(man["config"]["digest"]))
            out.append((names, mdesc, man, cfg))
    return out


def cmd_verify(a):
    ar = Archive(a.archive)
    errors = []
    checked = {}

    def check_blob(desc, what):
        dg = desc["digest"]
        if dg in checked:
            return
        p = ar.blob_path(dg)
        try:
            f, size = ar.open(p)
        except KeyError:
            errors.append("%s: blob %s missing" % (what, dg))
            return
        h = hashlib.sha256()
        while True:
            b = f.read(CHUNK)
            if not b:
                break
            h.update(b)
        if "sha256:" + h.hexdigest() != dg:
            errors.append("%s: digest mismatch for %s (got sha256:%s)" % (what, dg, h.hexdigest()))
        if size != desc["size"]:
            errors.append("%s: size mismatch for %s: descriptor %d, file %d" % (what, dg, desc["size"], size))
        checked[dg] = True

    for req in ("oci-layout", "index.json"):
        if not ar.has(req):
            errors.append("missing %s" % req)
    if errors:
        raise SystemExit("INVALID %s:\n  %s" % (a.archive, "\n  ".join(errors)))
    index = ar.json("index.json")
    for d in index["manifests"]:
        ann = d.get("annotations", {})
        if ANN_CTR_NAME not in ann:
            errors.append("index.json: manifest %s lacks %s annotation" % (d["digest"], ANN_CTR_NAME))
        check_blob(d, "index.json")
    imgs = load_images(ar)
    for names, mdesc, man, cfg in imgs:
        what = names[0]
        if man.get("schemaVersion") != 2:
            errors.append("%s: manifest schemaVersion != 2" % what)
        check_blob(man["config"], what + " config")
        if cfg.get("os") != "linux" or cfg.get("architecture") != "amd64":
            errors.append("%s: platform is %s/%s" % (what, cfg.get("os"), cfg.get("architecture")))
        p = mdesc.get("platform")
        if p and (p.get("os"), p.get("architecture")) != ("linux", "amd64"):
            errors.append("%s: index platform %r" % (what, p))
        diff_ids = cfg.get("rootfs", {}).get("diff_ids", [])
        if len(diff_ids) != len(man["layers"]):
            errors.append("%s: %d layers but %d diff_ids" % (what, len(man["layers"]), len(diff_ids)))
        for i, l in enumerate(man["layers"]):
            check_blob(l, what + " layer")
            if i < len(diff_ids) and l["mediaType"] in (MT_LAYER_GZ, MT_D_LAYER_GZ, MT_LAYER):
                key = ("diff", l["digest"])
                if key in checked:
                    continue
                f, _ = ar.open(ar.blob_path(l["digest"]))
                if l["mediaType"] != MT_LAYER:
                    f = gzip.GzipFile(fileobj=f)
                h = hashlib.sha256()
                n = 0
                while True:
                    b = f.read(CHUNK)
                    if not b:
                        break
                    n += len(b)
                    h.update(b)
                if "sha256:" + h.hexdigest() != diff_ids[i]:
                    errors.append("%s: layer %d diff_id mismatch" % (what, i))
                checked[key] = n
    if ar.has("manifest.json"):
        for e in ar.json("manifest.json"):
            for p in [e["Config"]] + e["Layers"]:
                if not ar.has(p):
                    errors.append("manifest.json: %s missing" % p)
    if errors:
        raise SystemExit("INVALID %s:\n  %s" % (a.archive, "\n  ".join(errors)))
    for names, mdesc, man, cfg in imgs:
        unc = sum(checked.get(("diff", l["digest"]), 0) for l in man["layers"])
        gz = sum(l["size"] for l in man["layers"])
        c = cfg.get("config", {})
        print("OK %-40s manifest %s  layers %d  %.1f MiB gz / %.1f MiB  entrypoint=%s cmd=%s" % (
            names[0], mdesc["digest"][7:19], len(man["layers"]), gz / 1048576.0, unc / 1048576.0,
            json.dumps(c.get("Entrypoint")), json.dumps(c.get("Cmd"))))


def cmd_config(a):
    ar = Archive(a.archive)
    imgs = load_images(ar)
    print(json.dumps(imgs[0][3].get("config", {}), indent=2))


def cmd_names(a):
    ar = Archive(a.archive)
    for d in ar.json("index.json")["manifests"]:
        print(d.get("annotations", {}).get(ANN_CTR_NAME, ""))


def cmd_extract(a):
    ar = Archive(a.archive)
    names, mdesc, man, cfg = load_images(ar)[0]
    os.makedirs(a.dir, exist_ok=True)
    for l in man["layers"]:
        f, _ = ar.open(ar.blob_path(l["digest"]))
        # GNU tar keeps hardlinks, devices, owners, xattrs
        p = subprocess.Popen(["tar", "-x", "--numeric-owner", "-p", "-C", a.dir, "-f", "-"]
                             + (["-z"] if l["mediaType"] != MT_LAYER else []), stdin=subprocess.PIPE)
        shutil.copyfileobj(f, p.stdin, CHUNK)
        p.stdin.close()
        if p.wait() != 0:
            raise SystemExit("tar -x failed")
        # whiteouts (not produced by pack, handled for completeness)
        for root, dirs, files in os.walk(a.dir):
            for fn in files:
                if fn.startswith(".wh."):
                    os.unlink(os.path.join(root, fn))
                    if fn != ".wh..wh..opq":
                        t = os.path.join(root, fn[4:])
                        if os.path.isdir(t) and not os.path.islink(t):
                            shutil.rmtree(t)
                        elif os.path.lexists(t):
                            os.unlink(t)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sp = ap.add_subparsers(dest="cmd", required=True)
    p = sp.add_parser("pack")
    p.add_argument("--rootfs", required=True)
    p.add_argument("--image-json", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--level", type=int, default=int(os.environ.get("GZIP_LEVEL", "6")))
    p.set_defaults(fn=cmd_pack)
    for n, fn in (("verify", cmd_verify), ("config", cmd_config), ("names", cmd_names)):
        p = sp.add_parser(n)
        p.add_argument("archive")
        p.set_defaults(fn=fn)
    p = sp.add_parser("extract")
    p.add_argument("archive")
    p.add_argument("dir")
    p.set_defaults(fn=cmd_extract)
    a = ap.parse_args()
    a.fn(a)


if __name__ == "__main__":
    main()
