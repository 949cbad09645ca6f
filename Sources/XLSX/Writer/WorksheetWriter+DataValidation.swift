import CXlsxWriter

extension WorksheetWriter {
    /// Excel's (and libxlsxwriter's) limit on an explicit list, commas included. Measured
    /// here in UTF-8 bytes: libxlsxwriter 1.1.4 counts characters but copies bytes into a
    /// 258-byte buffer, so a Vietnamese list under 255 characters can still overflow it.
    static let maxListBytes = 255

    /// Attaches a data-validation rule to a range. Checks Excel's limits first: titles
    /// ≤ 32 characters, messages ≤ 255, an explicit list ≤ 255 bytes joined by commas
    /// (use ``DataValidation/Kind/listFormula(_:)`` for longer lists).
    public func addDataValidation(range: CellRange, rule: DataValidation) throws {
        _ = try owner.openWorkbook()
        try WriterChecks.check(range)
        try Self.validateTexts(rule, range: range)

        let bag = CStringBag()
        defer { bag.release() }
        var validation = lxw_data_validation()
        validation.ignore_blank = UInt8(rule.ignoreBlank ? LXW_VALIDATION_ON.rawValue : LXW_VALIDATION_OFF.rawValue)
        validation.dropdown = UInt8(rule.showDropdown ? LXW_VALIDATION_ON.rawValue : LXW_VALIDATION_OFF.rawValue)
        switch rule.errorStyle {
        case .stop: validation.error_type = UInt8(LXW_VALIDATION_ERROR_TYPE_STOP.rawValue)
        case .warning: validation.error_type = UInt8(LXW_VALIDATION_ERROR_TYPE_WARNING.rawValue)
        case .information: validation.error_type = UInt8(LXW_VALIDATION_ERROR_TYPE_INFORMATION.rawValue)
        }
        validation.input_title = bag.copy(rule.inputTitle)
        validation.input_message = bag.copy(rule.inputMessage)
        validation.error_title = bag.copy(rule.errorTitle)
        validation.error_message = bag.copy(rule.errorMessage)

        // Keeps the list's C array alive until after the call below.
        var listPointers: [UnsafeMutablePointer<CChar>?] = []
        switch rule.kind {
        case .decimal(let comparison):
            try Self.fill(&validation, comparison, number: LXW_VALIDATION_TYPE_DECIMAL,
                          formula: LXW_VALIDATION_TYPE_DECIMAL_FORMULA, bag: bag, range: range)
        case .wholeNumber(let comparison):
            try Self.fill(&validation, comparison, number: LXW_VALIDATION_TYPE_INTEGER,
                          formula: LXW_VALIDATION_TYPE_INTEGER_FORMULA, bag: bag, range: range)
        case .textLength(let comparison):
            try Self.fill(&validation, comparison, number: LXW_VALIDATION_TYPE_LENGTH,
                          formula: LXW_VALIDATION_TYPE_LENGTH_FORMULA, bag: bag, range: range)
        case .list(let values):
            try Self.checkList(values, range: range)
            validation.validate = UInt8(LXW_VALIDATION_TYPE_LIST.rawValue)
            listPointers = values.map { bag.copy($0) } + [nil]
        case .listFormula(let formula):
            try Self.checkFormula(formula, range: range)
            validation.validate = UInt8(LXW_VALIDATION_TYPE_LIST_FORMULA.rawValue)
            validation.value_formula = bag.copy(formula)
        case .custom(let formula):
            try Self.checkFormula(formula, range: range)
            validation.validate = UInt8(LXW_VALIDATION_TYPE_CUSTOM_FORMULA.rawValue)
            validation.value_formula = bag.copy(formula)
        }

        let error = listPointers.withUnsafeMutableBufferPointer { list -> lxw_error in
            if !list.isEmpty { validation.value_list = list.baseAddress }
            // libxlsxwriter copies every string (and turns the list into one) before returning.
            return worksheet_data_validation_range(
                sheet, lxw_row_t(range.first.row - 1), lxw_col_t(range.first.column - 1),
                lxw_row_t(range.last.row - 1), lxw_col_t(range.last.column - 1), &validation)
        }
        try WriterChecks.check(error, "không đặt được quy tắc kiểm tra dữ liệu cho vùng \(range.a1)")
    }

    private static func validateTexts(_ rule: DataValidation, range: CellRange) throws {
        if let title = rule.inputTitle {
            try WriterChecks.check(title, maxCharacters: 32, what: "tiêu đề gợi ý nhập liệu của vùng \(range.a1)")
        }
        if let title = rule.errorTitle {
            try WriterChecks.check(title, maxCharacters: 32, what: "tiêu đề thông báo lỗi của vùng \(range.a1)")
        }
        if let message = rule.inputMessage {
            try WriterChecks.check(message, maxCharacters: 255, what: "lời gợi ý nhập liệu của vùng \(range.a1)")
        }
        if let message = rule.errorMessage {
            try WriterChecks.check(message, maxCharacters: 255, what: "thông báo lỗi của vùng \(range.a1)")
        }
    }

    private static func checkList(_ values: [String], range: CellRange) throws {
        guard !values.isEmpty else {
            throw WriterChecks.fail("danh sách giá trị cho vùng \(range.a1) đang trống")
        }
        for value in values {
            guard !value.contains(","), !value.contains("\""), !value.utf8.contains(0), !value.isEmpty else {
                throw WriterChecks.fail("giá trị \"\(value)\" trong danh sách cho vùng \(range.a1) trống hoặc chứa dấu phẩy, dấu nháy kép; hãy ghi danh sách vào một vùng ô và dùng công thức tham chiếu (listFormula)")
            }
        }
        let bytes = values.joined(separator: ",").utf8.count
        guard bytes <= maxListBytes else {
            throw WriterChecks.fail("danh sách giá trị cho vùng \(range.a1) dài \(bytes) byte tính cả dấu phẩy, vượt giới hạn \(maxListBytes) của Excel; hãy ghi danh sách vào một vùng ô (ví dụ trên một trang tính ẩn) rồi dùng công thức tham chiếu như =Danh_sách!$A$1:$A$20 (listFormula)")
        }
    }

    private static func checkFormula(_ formula: String, range: CellRange) throws {
        try WriterChecks.check(formula, maxCharacters: 255, what: "công thức kiểm tra dữ liệu của vùng \(range.a1)")
        guard !formula.isEmpty, formula != "=" else {
            throw WriterChecks.fail("công thức kiểm tra dữ liệu của vùng \(range.a1) bị để trống")
        }
    }

    /// Sets criteria and bounds; numbers stay numbers unless a bound is a formula, in which
    /// case every bound is written as a formula.
    private static func fill(_ validation: inout lxw_data_validation, _ comparison: DataValidation.Comparison,
                             number: lxw_validation_types, formula: lxw_validation_types,
                             bag: CStringBag, range: CellRange) throws {
        let criteria: lxw_validation_criteria
        let bounds: [DataValidation.Bound]
        switch comparison {
        case .between(let a, let b): criteria = LXW_VALIDATION_CRITERIA_BETWEEN; bounds = [a, b]
        case .notBetween(let a, let b): criteria = LXW_VALIDATION_CRITERIA_NOT_BETWEEN; bounds = [a, b]
        case .equal(let a): criteria = LXW_VALIDATION_CRITERIA_EQUAL_TO; bounds = [a]
        case .notEqual(let a): criteria = LXW_VALIDATION_CRITERIA_NOT_EQUAL_TO; bounds = [a]
        case .greaterThan(let a): criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN; bounds = [a]
        case .greaterThanOrEqual(let a): criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO; bounds = [a]
        case .lessThan(let a): criteria = LXW_VALIDATION_CRITERIA_LESS_THAN; bounds = [a]
        case .lessThanOrEqual(let a): criteria = LXW_VALIDATION_CRITERIA_LESS_THAN_OR_EQUAL_TO; bounds = [a]
        }
        validation.criteria = UInt8(criteria.rawValue)

        var numbers: [Double] = []
        var formulas: [String] = []
        for bound in bounds {
            switch bound {
            case .number(let value):
                guard value.isFinite else {
                    throw WriterChecks.fail("giới hạn kiểm tra dữ liệu của vùng \(range.a1) không hữu hạn (NaN hoặc vô cực)")
                }
                numbers.append(value)
                formulas.append(formulaText(value))
            case .formula(let text):
                try checkFormula(text, range: range)
                formulas.append(text)
            }
        }
        if numbers.count == bounds.count {
            validation.validate = UInt8(number.rawValue)
            if bounds.count == 2 {
                validation.minimum_number = numbers[0]
                validation.maximum_number = numbers[1]
            } else {
                validation.value_number = numbers[0]
            }
        } else {
            validation.validate = UInt8(formula.rawValue)
            if bounds.count == 2 {
                validation.minimum_formula = bag.copy(formulas[0])
                validation.maximum_formula = bag.copy(formulas[1])
            } else {
                validation.value_formula = bag.copy(formulas[0])
            }
        }
    }

    /// A number as Excel formula text: `10`, `0.25`.
    private static func formulaText(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
