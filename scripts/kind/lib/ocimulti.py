#!/usr/bin/env python3
"""Write one OCI image-layout archive holding several images whose layers may
be shared (one blob per layer, however many images use it), for
`ctr images import --all-platforms`.

  ocimulti.py SPEC.json OUT.tar

SPEC.json:
  {"layers": {"<layer>": "<rootfs dir>", ...},
   "images": [{"names": ["registry.k8s.io/kube-apiserver:v1.34.4", ...],
               "layers": ["<layer>", ...],          # bottom first
               "config": {"Entrypoint": [...], ...}, # OCI image config
               "comment": "..."}]}

Layers are packed with scripts/cluster/images/lib/oci.py (tar --sort=name
--numeric-owner, gzip); GZIP_LEVEL sets the level (default 6).
"""
import json
import os
import shutil
import sys
import tarfile
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "cluster", "images", "lib"))
import oci  # noqa: E402


def main():
    spec_path, out = sys.argv[1], sys.argv[2]
    with open(spec_path) as f:
        spec = json.load(f)
    level = int(os.environ.get("GZIP_LEVEL", "6"))
    created_ts = oci.source_date_epoch()
    created = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(created_ts))
    tmp = tempfile.mkdtemp(prefix="ocimulti-", dir=os.path.dirname(os.path.abspath(out)))
    try:
        layers = {}  # name -> (diff_id, gz hex, size, path)
        used = {n for img in spec["images"] for n in img["layers"]}
        for name in sorted(used):
            path = os.path.join(tmp, "layer-" + name)
            diff_id, gz_hex, size = oci.make_layer(spec["layers"][name], path, level)
            layers[name] = (diff_id, gz_hex, size, path)
            print("layer %-12s %s %.1f MiB gz" % (name, gz_hex[:12], size / 1048576.0))
        blobs = {}  # hex -> bytes (configs, manifests)
        index = {"schemaVersion": 2, "mediaType": oci.MT_INDEX, "manifests": []}
        for img in spec["images"]:
            ls = [layers[n] for n in img["layers"]]
            config = {
                "created": created, "architecture": "amd64", "os": "linux",
                "config": img.get("config", {}),
                "rootfs": {"type": "layers", "diff_ids": ["sha256:" + l[0] for l in ls]},
                "history": [{"created": created, "created_by": img.get("comment", "labs scripts/kind/node-image")}
                            for _ in ls],
            }
            config_b = oci.canon(config)
            blobs[oci.sha256(config_b)] = config_b
            manifest = {
                "schemaVersion": 2, "mediaType": oci.MT_MANIFEST,
                "config": {"mediaType": oci.MT_CONFIG, "digest": "sha256:" + oci.sha256(config_b),
                           "size": len(config_b)},
                "layers": [{"mediaType": oci.MT_LAYER_GZ, "digest": "sha256:" + l[1], "size": l[2]} for l in ls],
            }
            manifest_b = oci.canon(manifest)
            blobs[oci.sha256(manifest_b)] = manifest_b
            for n in img["names"]:
                index["manifests"].append({
                    "mediaType": oci.MT_MANIFEST, "digest": "sha256:" + oci.sha256(manifest_b),
                    "size": len(manifest_b), "platform": {"architecture": "amd64", "os": "linux"},
                    "annotations": {oci.ANN_CTR_NAME: n, oci.ANN_REF_NAME: oci.ref_tag(n)},
                })
        part = out + ".part"
        with tarfile.open(part, "w", format=tarfile.PAX_FORMAT) as tf:
            oci.add_bytes(tf, "oci-layout", oci.canon({"imageLayoutVersion": "1.0.0"}), created_ts)
            oci.add_dir(tf, "blobs", created_ts)
            oci.add_dir(tf, "blobs/sha256", created_ts)
            for hex_, b in sorted(blobs.items()):
                oci.add_bytes(tf, "blobs/sha256/" + hex_, b, created_ts)
            for diff_id, gz_hex, size, path in sorted(layers.values(), key=lambda l: l[1]):
                ti = tarfile.TarInfo("blobs/sha256/" + gz_hex)
                ti.size, ti.mode, ti.mtime = size, 0o644, created_ts
                with open(path, "rb") as lf:
                    tf.addfile(ti, lf)
            oci.add_bytes(tf, "index.json", oci.canon(index), created_ts)
        os.replace(part, out)
        for img in spec["images"]:
            print("image %s (layers: %s)" % (" ".join(img["names"]), " ".join(img["layers"])))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
