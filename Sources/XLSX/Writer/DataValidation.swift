/// A data-validation rule attached to a range of cells (Excel's Data › Validation).
///
/// Lists: Excel and libxlsxwriter limit an explicit list (``Kind/list(_:)``) to 255
/// characters including the commas; the writer refuses longer lists (measured in UTF-8
/// bytes, because libxlsxwriter 1.1.4 overflows a buffer otherwise). For a long list,
/// write the values in cells (e.g. on a hidden sheet) and use ``Kind/listFormula(_:)``.
public struct DataValidation: Hashable, Sendable {
    /// A limit: a number, or a formula such as `$C5` or `=Diem_chuan`.
    public enum Bound: Hashable, Sendable, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
        case number(Double)
        case formula(String)

        public init(integerLiteral value: Int) { self = .number(Double(value)) }
        public init(floatLiteral value: Double) { self = .number(value) }
    }

    /// How the value is compared with its bounds.
    public enum Comparison: Hashable, Sendable {
        case between(Bound, Bound)
        case notBetween(Bound, Bound)
        case equal(Bound)
        case notEqual(Bound)
        case greaterThan(Bound)
        case greaterThanOrEqual(Bound)
        case lessThan(Bound)
        case lessThanOrEqual(Bound)
    }

    public enum Kind: Hashable, Sendable {
        /// Any number (decimals allowed).
        case decimal(Comparison)
        /// Whole numbers only.
        case wholeNumber(Comparison)
        /// A text whose length satisfies the comparison.
        case textLength(Comparison)
        /// One of these values (drop-down). No value may contain `,` or `"`.
        case list([String])
        /// One of the values of a range or defined name: `=Danh_sach!$A$1:$A$20`, `=Don_vi`.
        case listFormula(String)
        /// Any value for which the formula is true, e.g. `=ISNUMBER(C5)`.
        case custom(String)
    }

    /// What Excel does with a value breaking the rule.
    public enum ErrorStyle: Hashable, Sendable {
        /// Refuse the value.
        case stop
        /// Ask whether to keep it.
        case warning
        /// Inform, then keep it.
        case information
    }

    public var kind: Kind
    /// Accept empty cells.
    public var ignoreBlank: Bool
    /// Show the drop-down arrow for lists.
    public var showDropdown: Bool
    /// Title of the input prompt, at most 32 characters.
    public var inputTitle: String?
    /// Input prompt, at most 255 characters.
    public var inputMessage: String?
    /// Title of the error box, at most 32 characters.
    public var errorTitle: String?
    /// Error message, at most 255 characters.
    public var errorMessage: String?
    public var errorStyle: ErrorStyle

    public init(_ kind: Kind, ignoreBlank: Bool = true, showDropdown: Bool = true,
                inputTitle: String? = nil, inputMessage: String? = nil,
                errorTitle: String? = nil, errorMessage: String? = nil,
                errorStyle: ErrorStyle = .stop) {
        self.kind = kind; self.ignoreBlank = ignoreBlank; self.showDropdown = showDropdown
        self.inputTitle = inputTitle; self.inputMessage = inputMessage
        self.errorTitle = errorTitle; self.errorMessage = errorMessage; self.errorStyle = errorStyle
    }
}
