// ParIndex pages: drag and drop with per-file progress, copy buttons, sortable tables,
// confirmations. The server escapes everything it renders; this script only inserts the
// HTML the server returned and sets text with textContent.
(function () {
  "use strict";
  function $(sel, root) { return (root || document).querySelector(sel); }
  function $$(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }

  function upload(form, file, list, results) {
    var li = document.createElement("li");
    var name = document.createElement("span"); name.textContent = file.name;
    var bar = document.createElement("progress"); bar.max = 100; bar.value = 0;
    var state = document.createElement("span"); state.className = "state"; state.textContent = "đang gửi…";
    li.appendChild(name); li.appendChild(bar); li.appendChild(state); list.appendChild(li);
    var max = parseInt(form.dataset.maxBytes, 10);
    if (file.size > max) {
      li.className = "failed";
      state.textContent = "tệp lớn hơn giới hạn " + Math.round(max / 1048576) + " MiB cho mỗi tệp: không gửi";
      bar.remove();
      return Promise.resolve();
    }
    return new Promise(function (resolve) {
      var data = new FormData();
      data.append("csrf", form.elements.csrf.value);
      data.append("files", file, file.name);
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action);
      xhr.setRequestHeader("X-CSRF-Token", form.elements.csrf.value);
      xhr.setRequestHeader("X-Fragment", "1");
      xhr.upload.onprogress = function (e) { if (e.lengthComputable) bar.value = Math.round(e.loaded / e.total * 100); };
      xhr.upload.onload = function () { bar.value = 100; state.textContent = "đang kiểm tra…"; };
      xhr.onload = function () {
        if (xhr.status === 200) {
          var box = document.createElement("div");
          box.innerHTML = xhr.responseText;
          // The file's own outcome beside its bar: "Hợp lệ", "Có lỗi: 2 lỗi, 0 cảnh báo",
          // or "Không đọc được: <reason>" for a file refused (a stray note, a broken zip).
          var article = box.querySelector("article.file");
          var badge = article && article.querySelector(".badge");
          var detail = article && (article.querySelector(".reason") || article.querySelector(".counts"));
          state.textContent = badge ? badge.textContent + (detail ? ": " + detail.textContent : "") : "đã kiểm tra";
          if (article && (article.classList.contains("unreadable") || article.classList.contains("skipped"))) li.className = "failed";
          else if (article && article.classList.contains("invalid")) li.className = "invalid";
          while (box.firstChild) results.insertBefore(box.firstChild, results.firstChild);
        } else {
          li.className = "failed";
          var doc = new DOMParser().parseFromString(xhr.responseText, "text/html");
          var reason = doc.querySelector(".reason");
          state.textContent = reason ? reason.textContent : ("lỗi " + xhr.status);
        }
        resolve();
      };
      xhr.onerror = function () { li.className = "failed"; state.textContent = "mất kết nối tới máy chủ"; resolve(); };
      xhr.send(data);
    });
  }

  function uploadAll(form, files) {
    var list = $(".progress", form), results = form.nextElementSibling;
    var queue = Array.prototype.slice.call(files), running = 0;
    return new Promise(function (done) {
      function next() {
        if (!queue.length && !running) { done(); return; }
        while (running < 3 && queue.length) {
          running++;
          upload(form, queue.shift(), list, results).then(function () { running--; next(); });
        }
      }
      next();
    }).then(refreshTables);
  }

  // After uploads, refresh the status table and counters from the server's page.
  function refreshTables() {
    if (!$("#units") && !$("#unit-status")) return;
    return fetch(location.href, { credentials: "same-origin" }).then(function (r) { return r.text(); }).then(function (html) {
      var doc = new DOMParser().parseFromString(html, "text/html");
      ["#units tbody", "#counts", "#unit-status"].forEach(function (sel) {
        var fresh = doc.querySelector(sel), old = $(sel);
        if (fresh && old) old.replaceWith(fresh);
      });
      document.body.dataset.refreshed = String(Date.now());
    });
  }

  $$("form.upload").forEach(function (form) {
    var drop = $(".drop", form), input = $("input[type=file]", form);
    input.addEventListener("change", function () { if (input.files.length) uploadAll(form, input.files).then(function () { input.value = ""; }); });
    ["dragenter", "dragover"].forEach(function (t) { drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.add("over"); }); });
    ["dragleave", "drop"].forEach(function (t) { drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.remove("over"); }); });
    drop.addEventListener("drop", function (e) { if (e.dataTransfer && e.dataTransfer.files.length) uploadAll(form, e.dataTransfer.files); });
    form.addEventListener("submit", function (e) { e.preventDefault(); if (input.files.length) uploadAll(form, input.files); });
  });

  $$("button.copy").forEach(function (b) {
    b.addEventListener("click", function () {
      var text = b.dataset.copy;
      function ok() { b.textContent = "Đã sao chép"; }
      if (navigator.clipboard && window.isSecureContext) { navigator.clipboard.writeText(text).then(ok); return; }
      var area = document.createElement("textarea"); area.value = text; document.body.appendChild(area);
      area.select(); try { document.execCommand("copy"); ok(); } catch (e) {} area.remove();
    });
  });

  $$("[data-print]").forEach(function (b) { b.addEventListener("click", function () { window.print(); }); });
  $$("form[data-confirm]").forEach(function (f) {
    f.addEventListener("submit", function (e) { if (!window.confirm(f.dataset.confirm)) e.preventDefault(); });
  });

  $$("table.sortable").forEach(function (table) {
    $$("th[data-sort]", table).forEach(function (th, col) {
      var asc = true;
      th.addEventListener("click", function () {
        var body = table.tBodies[0], rows = $$("tr", body);
        rows.sort(function (a, b) {
          var x = a.cells[col], y = b.cells[col];
          var kx = x.dataset.key || x.textContent.trim(), ky = y.dataset.key || y.textContent.trim();
          var r = th.dataset.sort === "num" ? (parseFloat(kx) || 0) - (parseFloat(ky) || 0) : kx.localeCompare(ky, "vi");
          return asc ? r : -r;
        });
        asc = !asc;
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
})();
