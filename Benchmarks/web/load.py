#!/usr/bin/env python3
"""Bounded loopback load check of `parindex serve`: N returns uploaded by C concurrent
clients (default 50 by 10), each a separate POST like the page's script sends. Checks that
every upload was answered with its result and stored (none lost), and reports per-upload
times (median, p95, max) as a Markdown table.

Usage: Benchmarks/web/load.py --binary .build/release/parindex [--uploads 50] [--clients 10]
       [--out Benchmarks/web/RESULTS.md]
Needs python3 with `requests`. Loopback only: the server is started on 127.0.0.1.
"""
import argparse, concurrent.futures, glob, io, os, re, shutil, socket, sqlite3, subprocess, sys, tempfile, time, zipfile
import requests


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def distinct(data, i):
    """The same workbook with a zip comment naming upload i: other bytes, same content, so the
    store (which keeps identical bytes once) stores every upload as its own version."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for info in src.infolist():
            z.writestr(info, src.read(info.filename))
        z.comment = f"parindex load {i}".encode()
    return out.getvalue()


def percentile(values, p):
    v = sorted(values)
    k = max(0, min(len(v) - 1, int(round(p / 100 * len(v) + 0.5)) - 1))
    return v[k]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--uploads", type=int, default=50)
    ap.add_argument("--clients", type=int, default=10)
    ap.add_argument("--out")
    args = ap.parse_args()
    root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
    work = tempfile.mkdtemp(prefix="parindex-load-")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([os.path.abspath(args.binary), "serve", "--port", str(port), "--data", work,
                               "--framework", "Examples/frameworks/tu-danh-gia-huyen-2023.yaml"],
                              cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        for _ in range(300):
            try:
                requests.get(base + "/", timeout=1)
                break
            except requests.ConnectionError:
                time.sleep(0.2)
        files = sorted(glob.glob(os.path.join(root, "Examples/submissions/*.xlsx")))
        payloads = [(os.path.basename(f), open(f, "rb").read()) for f in files]

        def one(i):
            s = requests.Session()
            page = s.get(base + "/").text
            csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
            name, data = payloads[i % len(payloads)]
            data = distinct(data, i)
            t0 = time.perf_counter()
            r = s.post(base + "/nop", files={"files": (f"{i:03d} {name}", data)}, data={"csrf": csrf},
                       headers={"X-Fragment": "1", "X-CSRF-Token": csrf})
            dt = time.perf_counter() - t0
            ok = r.status_code == 200 and f"{i:03d} {name}" in r.text and ("Hợp lệ" in r.text or "Có lỗi" in r.text)
            return dt, ok

        t0 = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.clients) as pool:
            results = list(pool.map(one, range(args.uploads)))
        wall = time.perf_counter() - t0
        times = [r[0] for r in results]
        answered = sum(1 for r in results if r[1])
        db = sqlite3.connect(os.path.join(work, "dot-thu-1", "campaign.sqlite"))
        stored = db.execute("SELECT COUNT(*) FROM submission").fetchone()[0]
        db.close()
        overview = requests.get(base + "/").text
        shown = int(re.search(r'<span>(\d+)</span> tệp đã nhận', overview).group(1))
        lines = [
            f"# Web load check: {args.uploads} returns by {args.clients} concurrent clients",
            "",
            f"`Benchmarks/web/load.py --binary {args.binary} --uploads {args.uploads} --clients {args.clients}` — "
            f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, loopback, one run on the shared 2-core machine; "
            f"the {len(payloads)} example returns of `Examples/submissions` cycled (each read, checked and stored).",
            "",
            "| uploads | answered with result | stored | shown on overview | wall (s) | median (s) | p95 (s) | max (s) |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|",
            f"| {args.uploads} | {answered} | {stored} | {shown} | {wall:.2f} | {percentile(times, 50):.3f} | "
            f"{percentile(times, 95):.3f} | {max(times):.3f} |",
            "",
        ]
        report = "\n".join(lines)
        print(report)
        if args.out:
            open(args.out, "w").write(report)
        lost = args.uploads - min(answered, stored, shown)
        if lost:
            print(f"LOST: {lost}")
            return 1
        return 0
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
