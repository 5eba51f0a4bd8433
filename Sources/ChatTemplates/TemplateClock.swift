#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The clock behind `strftime_now(format)`: the local time by default (as transformers'
/// `datetime.now()`), or a fixed instant for reproducible renders.
public struct TemplateClock: Sendable {
    /// A local date and time, as Python's naive `datetime` holds it.
    public struct Instant: Sendable, Equatable {
        public var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, microsecond: Int
        /// An instant.
        public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, microsecond: Int = 0) {
            self.year = year
            self.month = month
            self.day = day
            self.hour = hour
            self.minute = minute
            self.second = second
            self.microsecond = microsecond
        }
    }

    private let now: @Sendable () -> Instant

    /// The machine's local time.
    public static let system = TemplateClock {
        var seconds = time(nil)
        var parts = tm()
        localtime_r(&seconds, &parts)
        return Instant(
            year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday),
            hour: Int(parts.tm_hour), minute: Int(parts.tm_min), second: Int(parts.tm_sec))
    }

    /// Always `instant`.
    public static func fixed(_ instant: Instant) -> TemplateClock { TemplateClock { instant } }

    private init(_ now: @escaping @Sendable () -> Instant) { self.now = now }

    /// Python's `datetime.strftime(format)` of the current instant: C's `strftime` in the C
    /// locale, with Python's `%f` (microseconds) and the empty `%z`/`%Z` of a naive datetime.
    func format(_ format: String) -> String {
        let instant = now()
        var prepared = ""
        var scalars = format.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == "%" else {
                prepared.unicodeScalars.append(scalar)
                continue
            }
            guard let directive = scalars.next() else {
                prepared += "%"
                break
            }
            switch directive {
            case "f":
                let digits = String(instant.microsecond)
                prepared += String(repeating: "0", count: max(0, 6 - digits.count)) + digits
            case "z", "Z": break
            default:
                prepared.unicodeScalars.append("%")
                prepared.unicodeScalars.append(directive)
            }
        }
        var parts = tm()
        parts.tm_year = Int32(instant.year - 1900)
        parts.tm_mon = Int32(instant.month - 1)
        parts.tm_mday = Int32(instant.day)
        parts.tm_hour = Int32(instant.hour)
        parts.tm_min = Int32(instant.minute)
        parts.tm_sec = Int32(instant.second)
        parts.tm_wday = Int32(Self.weekday(instant))
        parts.tm_yday = Int32(Self.dayOfYear(instant) - 1)
        parts.tm_isdst = -1
        var buffer = [CChar](repeating: 0, count: 4096)
        let written = prepared.withCString { strftime(&buffer, buffer.count, $0, &parts) }
        return String(decoding: buffer[..<written].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    private static func dayOfYear(_ instant: Instant) -> Int {
        let lengths = [31, isLeap(instant.year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return lengths.prefix(max(0, instant.month - 1)).reduce(0, +) + instant.day
    }

    /// 0 = Sunday, as `struct tm` counts.
    private static func weekday(_ instant: Instant) -> Int {
        let offsets = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4]
        let year = instant.month < 3 ? instant.year - 1 : instant.year
        let month = min(max(instant.month, 1), 12)
        return (year + year / 4 - year / 100 + year / 400 + offsets[month - 1] + instant.day) % 7
    }
}
