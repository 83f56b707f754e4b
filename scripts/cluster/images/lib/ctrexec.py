#!/usr/bin/env python3
"""Exec an image's process inside an unpacked rootfs (test helper, stdlib only).

  ctrexec.py CONFIG_JSON ROOTFS [-e K=V]... [--args ARG...]

Like a container runtime's last step: chroot(ROOTFS), chdir(WorkingDir),
drop to User (numeric "uid[:gid]" or a name from ROOTFS/etc/passwd),
environment = image Env (+ -e overrides, + HOSTNAME/HOME), then exec
Entrypoint + (ARGs if --args was given, else Cmd), resolved via the image's PATH.
Namespaces and mounts are set up by the caller (see ./test).
"""
import json
import os
import sys


def lookup(root, fname, name):
    try:
        with open(os.path.join(root, "etc", fname)) as f:
            for line in f:
                p = line.rstrip("\n").split(":")
                if p and p[0] == name:
                    return p
    except OSError:
        pass
    return None


def main():
    cfg_path, root = sys.argv[1], sys.argv[2]
    rest = sys.argv[3:]
    extra, args = [], None
    while rest:
        a = rest.pop(0)
        if a == "-e":
            extra.append(rest.pop(0))
        elif a == "--args":
            args = rest
            break
        else:
            sys.exit("ctrexec: bad argument %r" % a)
    with open(cfg_path) as f:
        cfg = json.load(f)
    env = {}
    for kv in (cfg.get("Env") or []) + ["HOSTNAME=ctr"] + extra:
        k, _, v = kv.partition("=")
        env[k] = v
    argv = list(cfg.get("Entrypoint") or []) + list(args if args is not None else (cfg.get("Cmd") or []))
    if not argv:
        sys.exit("ctrexec: no command")
    uid = gid = 0
    user = cfg.get("User") or ""
    if user:
        u, _, g = user.partition(":")
        if u.isdigit():
            uid = int(u)
            gid = uid
        else:
            p = lookup(root, "passwd", u)
            if not p:
                sys.exit("ctrexec: unknown user %r" % u)
            uid, gid = int(p[2]), int(p[3])
        if g:
            if g.isdigit():
                gid = int(g)
            else:
                p = lookup(root, "group", g)
                if not p:
                    sys.exit("ctrexec: unknown group %r" % g)
                gid = int(p[2])
    if "HOME" not in env:
        env["HOME"] = "/root" if uid == 0 else "/"
    os.chroot(root)
    wd = cfg.get("WorkingDir") or "/"
    try:
        os.chdir(wd)
    except OSError:
        os.makedirs(wd, exist_ok=True)
        os.chdir(wd)
    os.setgroups([])
    os.setgid(gid)
    os.setuid(uid)
    # resolve via the image's PATH ourselves (os.execvpe lazily imports modules,
    # which are not reachable after chroot)
    prog = argv[0]
    if "/" not in prog:
        for d in env.get("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin").split(":"):
            c = os.path.join(d or ".", prog)
            if os.path.isfile(c) and os.access(c, os.X_OK):
                prog = c
                break
    try:
        os.execve(prog, argv, env)
    except OSError as e:
        sys.stderr.write("ctrexec: exec %s: %s\n" % (argv[0], e.strerror))
        os._exit(127)


if __name__ == "__main__":
    main()
