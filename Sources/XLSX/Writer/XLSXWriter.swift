import CXlsxWriter
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A workbook being written, over libxlsxwriter.
///
/// The workbook is assembled in a temporary file `.<name>.tmp-<random>.xlsx` in the
/// destination's folder; ``close()`` renames it over the destination in one step. If
/// anything fails (or the writer is dropped without ``close()``), the temporary file is
/// removed and the destination is left untouched.
///
/// Every position is 1-based, like ``CellReference``. Input that Excel or libxlsxwriter
/// would reject (or that would make libxlsxwriter 1.1.4 abort) is refused beforehand with
/// ``XLSXError/writeFailed(_:)`` and a Vietnamese reason.
///
/// Not thread-safe: use one writer from one task.
public final class XLSXWriter {
    /// The destination file.
    public let path: String
    /// The file being assembled until ``close()``.
    public let temporaryPath: String
    public let options: WriterOptions

    struct SheetRecord {
        let name: String
        let pointer: UnsafeMutablePointer<lxw_worksheet>
        var hidden = false
        /// Header and footer left off the first printed page (patched in at ``close()``:
        /// libxlsxwriter has no `differentFirst`).
        var noHeaderOnFirstPage = false
        /// Rows whose height Excel may fit again (no `customHeight`).
        var autoFitRows: Set<Int> = []
        /// The first row shown above a frozen split, when not row 1.
        var frozenTopRow: Int?
    }

    private(set) var workbook: UnsafeMutablePointer<lxw_workbook>?
    private var formats = FormatCache()
    var sheets: [SheetRecord] = []
    /// Index of the sheet Excel opens on (libxlsxwriter's default is the first).
    var activeIndex = 0
    private var finished = false

    /// Starts a workbook to be written to `path`. Fails when the destination's folder does
    /// not exist or cannot be written.
    public init(path: String, options: WriterOptions = .init()) throws {
        guard !path.isEmpty, !path.hasSuffix("/") else {
            throw WriterChecks.fail("đường dẫn tệp đích \"\(path)\" không hợp lệ")
        }
        self.path = path
        self.options = options
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let fileName = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let stem = fileName.lowercased().hasSuffix(".xlsx") ? String(fileName.dropLast(5)) : fileName
        let random = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        temporaryPath = "\(folder).\(stem).tmp-\(random).xlsx"

        let checkedFolder = folder.isEmpty ? "." : folder
        guard access(checkedFolder, W_OK) == 0 else {
            throw WriterChecks.fail("không ghi được vào thư mục \"\(checkedFolder)\": \(Self.systemError())")
        }
        // Registered before it exists, so a signal handler never misses it; reserved on
        // disk now (libxlsxwriter only creates it in close()) so the name cannot be taken.
        TemporaryFiles.register(temporaryPath)
        let fd = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL, 0o666)
        guard fd >= 0 else {
            throw WriterChecks.fail("không tạo được tệp tạm \"\(temporaryPath)\": \(Self.systemError())")
        }
        closeDescriptor(fd)
        var cOptions = lxw_workbook_options()
        cOptions.constant_memory = options.constantMemory ? 1 : 0
        cOptions.use_zip64 = options.useZip64 ? 1 : 0
        cOptions.tmpdir = nil
        guard let workbook = workbook_new_opt(temporaryPath, &cOptions) else {
            throw WriterChecks.fail("không khởi tạo được sổ tính (hết bộ nhớ)")
        }
        self.workbook = workbook
    }

    deinit {
        if let workbook { lxw_workbook_free(workbook) }
        if !finished { unlink(temporaryPath) }
        TemporaryFiles.unregister(temporaryPath)
    }

    /// The names of the sheets added so far, in workbook order.
    public var sheetNames: [String] { sheets.map(\.name) }

    /// Number of distinct cell formats created so far (each distinct ``CellStyle`` once).
    public var formatCount: Int { formats.count }

    /// Registers a style once (the same libxlsxwriter format a cell written with `style`
    /// gets); write many cells with the result to skip the per-cell style lookup.
    public func format(_ style: CellStyle) throws -> CellFormat {
        CellFormat(style: style, handle: try formats.format(for: style, in: openWorkbook()), writer: ObjectIdentifier(self))
    }

    /// Adds a sheet at the end. Excel's rules apply: 1–31 characters, none of
    /// `[ ] : * ? / \`, no leading or trailing `'`, not `History`, and unique ignoring case.
    public func addWorksheet(name: String) throws -> WorksheetWriter {
        let workbook = try openWorkbook()
        try WriterChecks.check(sheetName: name, existing: sheetNames)
        guard let sheet = workbook_add_worksheet(workbook, name) else {
            throw WriterChecks.fail("libxlsxwriter không thêm được trang tính \"\(name)\"")
        }
        sheets.append(SheetRecord(name: name, pointer: sheet))
        return WorksheetWriter(owner: self, sheet: sheet, name: name, index: sheets.count - 1)
    }

    /// Defines a workbook-wide name, e.g. `defineName("Don_vi", formula: "=DM!$A$2:$A$30")`.
    /// A name local to one sheet is written `Sheet!name`. Name and formula are limited to
    /// 127 bytes each (libxlsxwriter's buffers).
    public func defineName(_ name: String, formula: String) throws {
        let workbook = try openWorkbook()
        try WriterChecks.check(field: name, what: "tên vùng \"\(name)\"")
        try WriterChecks.check(field: formula, what: "công thức của tên vùng \"\(name)\"")
        guard !name.isEmpty, !formula.isEmpty else {
            throw WriterChecks.fail("tên vùng và công thức của nó không được để trống")
        }
        try WriterChecks.check(workbook_define_name(workbook, name, formula),
                               "không đặt được tên vùng \"\(name)\" = \(formula)")
    }

    /// Sets the document properties (title, author, company...).
    public func setProperties(_ properties: DocumentProperties) throws {
        let workbook = try openWorkbook()
        let fields = [properties.title, properties.subject, properties.author, properties.manager,
                      properties.company, properties.category, properties.keywords, properties.comments]
        for case let field? in fields where field.utf8.contains(0) {
            throw WriterChecks.fail("thuộc tính tài liệu \"\(field)\" chứa ký tự NUL")
        }
        let bag = CStringBag()
        var cProperties = lxw_doc_properties()
        cProperties.title = bag.copy(properties.title)
        cProperties.subject = bag.copy(properties.subject)
        cProperties.author = bag.copy(properties.author)
        cProperties.manager = bag.copy(properties.manager)
        cProperties.company = bag.copy(properties.company)
        cProperties.category = bag.copy(properties.category)
        cProperties.keywords = bag.copy(properties.keywords)
        cProperties.comments = bag.copy(properties.comments)
        // libxlsxwriter copies every field before returning.
        try WriterChecks.check(workbook_set_properties(workbook, &cProperties),
                               "không ghi được thuộc tính tài liệu")
        bag.release()
    }

    /// Adds a custom text property (File › Properties › Custom); name and value are limited
    /// to 255 characters.
    public func setCustomProperty(name: String, value: String) throws {
        let workbook = try openWorkbook()
        try WriterChecks.check(name, maxCharacters: 255, what: "tên thuộc tính \"\(name)\"")
        try WriterChecks.check(value, maxCharacters: 255, what: "giá trị thuộc tính \"\(name)\"")
        guard !name.isEmpty else { throw WriterChecks.fail("tên thuộc tính không được để trống") }
        try WriterChecks.check(workbook_set_custom_property_string(workbook, name, value),
                               "không ghi được thuộc tính \"\(name)\"")
    }

    /// Writes the workbook and moves it over the destination. After this call (successful
    /// or not) the writer and its sheets accept nothing more.
    public func close() throws {
        let workbook = try openWorkbook()
        self.workbook = nil
        if let reason = prepareSheetStates() {
            lxw_workbook_free(workbook)
            unlink(temporaryPath)
            throw WriterChecks.fail(reason)
        }
        let error = workbook_close(workbook) // frees the workbook, whatever the outcome
        if error != LXW_NO_ERROR {
            unlink(temporaryPath)
            try WriterChecks.check(error, "không ghi được tệp \"\(path)\"")
        }
        // What libxlsxwriter cannot write is patched into the sheet parts (named in the
        // order the sheets were added).
        let patched = sheets.indices.filter {
            sheets[$0].noHeaderOnFirstPage || !sheets[$0].autoFitRows.isEmpty || sheets[$0].frozenTopRow != nil
        }
        if !patched.isEmpty {
            let records = sheets
            do {
                try PackagePatch.edit(parts: patched.map { "xl/worksheets/sheet\($0 + 1).xml" }, package: temporaryPath) { name, xml in
                    guard let number = Int(name.dropFirst("xl/worksheets/sheet".count).dropLast(4)) else { return nil }
                    let record = records[number - 1]
                    var xml = xml
                    if record.noHeaderOnFirstPage, let range = xml.range(of: "<headerFooter>") {
                        xml.replaceSubrange(range, with: "<headerFooter differentFirst=\"1\">")
                    }
                    if let top = record.frozenTopRow, let range = xml.range(of: "<sheetView ") {
                        xml.replaceSubrange(range, with: "<sheetView topLeftCell=\"A\(top)\" ")
                    }
                    if !record.autoFitRows.isEmpty { xml = PackagePatch.autoFit(rows: record.autoFitRows, in: xml) }
                    return xml
                }
            } catch {
                unlink(temporaryPath)
                throw error
            }
        }
        guard rename(temporaryPath, path) == 0 else {
            let reason = Self.systemError()
            unlink(temporaryPath)
            throw WriterChecks.fail("không thay được tệp \"\(path)\": \(reason)")
        }
        finished = true
        TemporaryFiles.unregister(temporaryPath)
    }

    // MARK: - Internal

    func setHeaderOnFirstPage(_ on: Bool, sheet index: Int) {
        sheets[index].noHeaderOnFirstPage = !on
    }

    func allowAutoFit(row: Int, sheet index: Int) {
        sheets[index].autoFitRows.insert(row)
    }

    func setFrozenTopRow(_ row: Int?, sheet index: Int) {
        sheets[index].frozenTopRow = row
    }

    func openWorkbook() throws -> UnsafeMutablePointer<lxw_workbook> {
        guard let workbook else {
            throw WriterChecks.fail("sổ tính đã đóng, không ghi thêm được")
        }
        return workbook
    }

    func format(_ style: CellStyle?) throws -> UnsafeMutablePointer<lxw_format>? {
        guard let style else { return nil }
        return try formats.format(for: style, in: openWorkbook())
    }

    func dateFormat(_ style: CellStyle?) throws -> UnsafeMutablePointer<lxw_format> {
        try formats.dateFormat(for: style, in: openWorkbook())
    }

    /// Makes sure a visible sheet is the active one; returns a reason when none is visible.
    private func prepareSheetStates() -> String? {
        guard !sheets.isEmpty else { return nil }
        guard let firstVisible = sheets.firstIndex(where: { !$0.hidden }) else {
            return "mọi trang tính đều bị ẩn; sổ tính phải có ít nhất một trang tính hiển thị"
        }
        if sheets[activeIndex].hidden {
            worksheet_activate(sheets[firstVisible].pointer)
            activeIndex = firstVisible
        }
        return nil
    }

    static func systemError() -> String {
        String(cString: strerror(errno))
    }
}

/// The temporary files being written right now (by ``XLSXWriter`` and any other atomic
/// writer that registers here), so that a signal handler can remove them before the
/// process exits: an interrupted run then leaves neither a half-written file nor a stray
/// `.tmp-` file. Thread-safe.
public enum TemporaryFiles {
    private static let paths = Mutex<Set<String>>([])

    /// Records a temporary file about to be created.
    public static func register(_ path: String) {
        paths.withLock { _ = $0.insert(path) }
    }

    /// Forgets a temporary file (renamed into place or already removed).
    public static func unregister(_ path: String) {
        paths.withLock { _ = $0.remove(path) }
    }

    /// The temporary files registered now.
    public static var current: Set<String> {
        paths.withLock { $0 }
    }

    /// Removes every registered file from disk and forgets them; returns their paths.
    /// Meant for a signal handler that exits right after.
    @discardableResult
    public static func removeAll() -> [String] {
        paths.withLock { set in
            let removed = Array(set)
            for path in removed { unlink(path) }
            set.removeAll()
            return removed
        }
    }
}

/// `close(2)`, out of reach of ``XLSXWriter/close()`` inside the class.
private func closeDescriptor(_ fd: Int32) {
    _ = close(fd)
}
