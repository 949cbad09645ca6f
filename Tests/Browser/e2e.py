#!/usr/bin/env python3
"""Real-browser end-to-end test of `parindex serve` (Debian chromium + chromedriver, selenium).

Starts the server on a free loopback port with an empty data folder, then, as a clerk would:
creates a campaign from the example framework, uploads the example returns through the file
input, waits for the findings, checks statuses and a known finding (text and cell), opens a
unit's link and uploads there, consolidates, downloads the PHỤ LỤC workbook and reads it back
with openpyxl. Screenshots of the main pages go to --screenshots.

Exit status: 0 passed, 1 failed, 77 skipped (chromium, chromedriver or selenium missing).
Usage: e2e.py --binary .build/debug/parindex --root . [--screenshots docs]
"""
import argparse, glob, os, shutil, socket, subprocess, sys, tempfile, time

SKIP = 77


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--root", required=True)
    ap.add_argument("--screenshots")
    args = ap.parse_args()

    try:
        from selenium import webdriver
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support.ui import WebDriverWait
    except ImportError:
        print("SKIP: python selenium không có (pip install selenium)")
        return SKIP
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if not chromium or not driver_path:
        print("SKIP: chromium/chromedriver không có (apt-get install chromium chromium-driver)")
        return SKIP
    import openpyxl

    root = os.path.abspath(args.root)
    work = tempfile.mkdtemp(prefix="parindex-e2e-")
    downloads = os.path.join(work, "downloads")
    os.makedirs(downloads)
    port = free_port()
    log = open(os.path.join(work, "server.log"), "w")
    server = subprocess.Popen([os.path.abspath(args.binary), "serve", "--port", str(port),
                               "--data", os.path.join(work, "data")],
                              cwd=root, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    shots = args.screenshots
    if shots:
        os.makedirs(shots, exist_ok=True)

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for a in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1366,768",
              "--lang=vi-VN", "--disable-gpu", "--hide-scrollbars"]:
        options.add_argument(a)
    options.add_experimental_option("prefs", {"download.default_directory": downloads,
                                              "download.prompt_for_download": False})
    driver = None

    def shot(name, full=False):
        if not shots:
            return
        path = os.path.join(shots, name)
        if full:
            height = driver.execute_script("return document.documentElement.scrollHeight")
            driver.set_window_size(1366, min(max(768, height), 4000))
            driver.save_screenshot(path)
            driver.set_window_size(1366, 768)
        else:
            driver.save_screenshot(path)
        print("screenshot:", path)

    def check(cond, what):
        if not cond:
            raise AssertionError(what)
        print("ok:", what)

    try:
        # Wait for the server.
        deadline = time.time() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.time() > deadline:
                    raise AssertionError("server did not start: " + open(log.name).read())
                time.sleep(0.2)

        driver = webdriver.Chrome(service=webdriver.ChromeService(executable_path=driver_path), options=options)
        wait = WebDriverWait(driver, 60)
        driver.get(base + "/")
        check("Tạo đợt thu" in driver.page_source, "empty server offers to create a campaign")
        shot("web-create.png")

        # 1. Create the campaign from the example framework.
        framework = os.path.join(root, "Examples/frameworks/tu-danh-gia-huyen-2023.yaml")
        driver.find_element(By.CSS_SELECTOR, "input[name=framework]").send_keys(framework)
        driver.find_element(By.CSS_SELECTOR, "#create input[name=deadline]").send_keys("15/12/2023")
        driver.find_element(By.CSS_SELECTOR, "#create button[type=submit]").click()
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "table.links"))
        links = {}
        for row in driver.find_elements(By.CSS_SELECTOR, "table.links tbody tr"):
            cells = row.find_elements(By.TAG_NAME, "td")
            links[cells[0].text.strip()] = row.find_element(By.CSS_SELECTOR, "button.copy").get_attribute("data-copy")
        check(len(links) == 7, "seven unit links issued")
        check(all("/nop/" in u for u in links.values()), "links are /nop/<token>")
        shot("web-links.png")

        # 2. Upload the example returns through the file input.
        driver.get(base + "/")
        files = sorted(glob.glob(os.path.join(root, "Examples/submissions/*.xlsx"))) + \
            [os.path.join(root, "Examples/submissions/ghi-chu.txt")]
        tp_file = [f for f in files if os.path.basename(f).startswith("Tu phap")][0]
        coordinator_files = [f for f in files if f != tp_file]
        driver.find_element(By.CSS_SELECTOR, "form.upload input[type=file]").send_keys("\n".join(coordinator_files))
        started = time.time()
        wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "ul.progress li")) == len(coordinator_files)
                   and all(li.find_element(By.CLASS_NAME, "state").text not in ("đang gửi…", "đang kiểm tra…")
                           for li in d.find_elements(By.CSS_SELECTOR, "ul.progress li"))
                   and d.execute_script("return document.body.dataset.refreshed || ''") != "")
        print("uploads checked in %.1f s" % (time.time() - started))
        articles = driver.find_elements(By.CSS_SELECTOR, "section.results article.file")
        check(len(articles) == len(coordinator_files), "one result per uploaded file")
        vhtt = [a for a in articles if "VHTT - tu danh gia 2023.xlsx" in a.text][0]
        check("Có lỗi" in vhtt.find_element(By.CSS_SELECTOR, ".badge").text, "VHTT return marked Có lỗi")
        rows = {r.find_element(By.CSS_SELECTOR, "td.cell").text: r.text
                for r in vhtt.find_elements(By.CSS_SELECTOR, "table.findings tbody tr")}
        check("Biểu mẫu!D10" in rows, "finding at Biểu mẫu!D10 shown")
        check("1.4.1" in rows["Biểu mẫu!D10"] and "đạt" in rows["Biểu mẫu!D10"], "D10 finding names 1.4.1 and the text found")
        check("Biểu mẫu!D20" in rows and "7.1.5" in rows["Biểu mẫu!D20"], "score above max at D20 (7.1.5)")
        note = [a for a in articles if "ghi-chu.txt" in a.text][0]
        check("không phải tệp Excel" in note.text, "text file refused with its reason")
        # Beside each progress bar, that file's own outcome (not a bare "checked").
        bars = {li.find_element(By.TAG_NAME, "span").text: li for li in driver.find_elements(By.CSS_SELECTOR, "ul.progress li")}
        note_bar = bars["ghi-chu.txt"]
        check("failed" in note_bar.get_attribute("class")
              and note_bar.find_element(By.CLASS_NAME, "state").text.startswith("Không đọc được: ")
              and "không phải tệp Excel" in note_bar.find_element(By.CLASS_NAME, "state").text,
              "stray text file's bar says it was refused, with the reason")
        check(bars["VHTT - tu danh gia 2023.xlsx"].find_element(By.CLASS_NAME, "state").text.startswith("Có lỗi: "),
              "invalid return's bar says Có lỗi with its counts")
        check(any(li.find_element(By.CLASS_NAME, "state").text == "Hợp lệ: 0 lỗi, 0 cảnh báo" or
                  li.find_element(By.CLASS_NAME, "state").text.startswith("Hợp lệ")
                  for li in bars.values()), "a valid return's bar says Hợp lệ")
        status = {r.find_element(By.CSS_SELECTOR, "td a").text: r.find_element(By.CSS_SELECTOR, ".badge").text
                  for r in driver.find_elements(By.CSS_SELECTOR, "#units tbody tr")}
        check(status["Phòng Nội vụ"] == "Hợp lệ", "Phòng Nội vụ Hợp lệ")
        check(status["Phòng Văn hóa và Thông tin"] == "Có lỗi", "Phòng Văn hóa và Thông tin Có lỗi")
        check(status["Chi nhánh Văn phòng đăng ký đất đai"] == "Chưa nộp", "Chi nhánh VPĐKĐĐ Chưa nộp")
        check(status["Phòng Tư pháp"] == "Chưa nộp", "Phòng Tư pháp not yet submitted")
        driver.execute_script("window.scrollTo(0, 0)")
        check(driver.find_element(By.CSS_SELECTOR, "#deadline-form input[name=deadline]").get_attribute("value") == "15/12/2023",
              "deadline field shows ngày/tháng/năm")
        shot("web-overview.png")
        driver.execute_script("arguments[0].scrollIntoView()", vhtt)
        shot("web-findings.png")

        # 3. A unit opens its own link and uploads there.
        driver.get(links["Phòng Tư pháp"])
        check(driver.find_element(By.TAG_NAME, "h1").text == "Phòng Tư pháp", "unit page names its unit")
        check("Phòng Nội vụ" not in driver.page_source, "unit page shows nothing of other units")
        driver.find_element(By.CSS_SELECTOR, "form.upload input[type=file]").send_keys(tp_file)
        t0 = time.time()
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "section.results article.file"))
        print("unit upload answered in %.2f s" % (time.time() - t0))
        wait.until(lambda d: d.execute_script("return document.body.dataset.refreshed || ''") != "")
        result = driver.find_element(By.CSS_SELECTOR, "section.results article.file")
        check("Tu phap - bang tu cham diem 2023.xlsx" in result.text, "unit sees its file's result")
        check(driver.find_element(By.ID, "unit-status").text in ("Hợp lệ", "Có lỗi"), "unit status updated")
        shot("web-unit.png")

        # 4. Consolidate and download the PHỤ LỤC.
        driver.get(base + "/")
        tp_status = [r for r in driver.find_elements(By.CSS_SELECTOR, "#units tbody tr") if "Phòng Tư pháp" in r.text][0]
        check("Chưa nộp" not in tp_status.text, "coordinator sees the unit's upload")
        driver.find_element(By.ID, "consolidate").click()
        wait.until(lambda d: d.find_elements(By.ID, "tong-hop"))
        section = driver.find_element(By.ID, "tong-hop")
        check("Tổng hợp điểm" in section.text and "trừ " in section.text, "figures shown on the page")
        check("Chi nhánh Văn phòng đăng ký đất đai" in section.text, "unit not submitted listed")
        driver.execute_script("arguments[0].scrollIntoView()", section)
        shot("web-consolidation.png")
        section.find_element(By.LINK_TEXT, "Tải bảng PHỤ LỤC (.xlsx)").click()
        wait.until(lambda d: [f for f in os.listdir(downloads) if f.endswith(".xlsx")])
        book_path = os.path.join(downloads, [f for f in os.listdir(downloads) if f.endswith(".xlsx")][0])
        time.sleep(0.5)
        book = openpyxl.load_workbook(book_path, read_only=True)
        check(["Phụ lục", "Tổng hợp điểm", "Kiểm tra"] == book.sheetnames[:3], "workbook has Phụ lục, Tổng hợp điểm, Kiểm tra")
        text = " ".join(str(c) for row in book["Phụ lục"].iter_rows(values_only=True) for c in row if c is not None)
        check("PHỤ LỤC" in text.upper() and "1.4.1" in text, "appendix read back holds the criteria")

        # 5. A unit's history with originals.
        driver.get(base + "/don-vi/VHTT")
        check("VHTT - tu danh gia 2023.xlsx" in driver.page_source, "history lists the file")
        shot("web-history.png")
        print("E2E PASSED")
        return 0
    except Exception as e:  # report and fail
        print("E2E FAILED:", repr(e))
        if driver is not None:
            try:
                print(driver.current_url)
                print(driver.find_element(By.TAG_NAME, "body").text[:3000])
            except Exception:
                pass
        log.flush()
        print("--- server log ---")
        print(open(log.name).read()[-3000:])
        return 1
    finally:
        if driver is not None:
            driver.quit()
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
