@testable import OrderedJSON
import Testing

/// The reader and writer: serde_json's numbers, messages and positions; ordered objects; the
/// options for lone surrogates, byte order marks and skipped members.
struct JSONParserTests {
    @Test func objectsKeepKeyOrderAndMergeDuplicates() throws {
        let value = try JSONValue(parsing: #"{"z":1,"a":{"y":[1,2.5,-0]}}"#)
        #expect(value.serialized == #"{"z":1,"a":{"y":[1,2.5,-0.0]}}"#)
        let duplicate = try JSONValue(parsing: #"{"a":1,"b":2,"a":3}"#)
        #expect(duplicate.serialized == #"{"a":3,"b":2}"#)
        #expect(duplicate.objectValue?.rawEntries.count == 3)
    }

    @Test func errorsCarrySerdesMessageAndPosition() throws {
        let cases: [(String, String)] = [
            ("", "EOF while parsing a value at line 1 column 0"),
            ("[1e400]", "number out of range at line 1 column 6"),
            ("{\"a\":1,}", "trailing comma at line 1 column 8"),
            ("[1,\n 2 x]", "expected `,` or `]` at line 2 column 4"),
            (#""\ud800""#, "unexpected end of hex escape at line 1 column 8"),
            (#""\udc00""#, "lone leading surrogate in hex escape at line 1 column 7"),
            ("\u{FEFF}{}", "expected value at line 1 column 1"),
            (String(repeating: "[", count: 100_000), "recursion limit exceeded at line 1 column 128"),
        ]
        for (text, message) in cases {
            #expect(throws: JSONSyntaxError.self, "\(text.prefix(20))") { try JSONValue(parsing: text) }
            do {
                _ = try JSONValue(parsing: text)
            } catch let error as JSONSyntaxError {
                #expect(error.description == message, "\(text.prefix(20))")
            }
        }
    }

    @Test func numbersPrintAsSerdeDoes() throws {
        let cases: [(String, String)] = [
            ("1.0", "1.0"), ("1e20", "1e20"), ("0.000001", "1e-6"), ("0.00001", "0.00001"), ("1e15", "1000000000000000.0"),
            ("1e16", "1e16"), ("123.456e3", "123456.0"), ("-2.5e-8", "-2.5e-8"), ("5e-324", "5e-324"),
            ("123456789012345678901234", "1.2345678901234567e23"), ("18446744073709551615", "18446744073709551615"),
            ("-9223372036854775808", "-9223372036854775808"), ("-9223372036854775809", "-9.223372036854776e18"),
        ]
        for (literal, printed) in cases {
            #expect(try JSONValue(parsing: literal).serialized == printed, "\(literal)")
        }
        #expect(try JSONValue(parsing: "3.0").intValue == 3)
        #expect(try JSONValue(parsing: "3.5").intValue == nil)
        #expect(try JSONValue(parsing: "18446744073709551615").intValue == nil)
    }

    @Test func loneSurrogatesCanReadAsPythonsJSONThenTiktokenReadThem() throws {
        let options = JSONParsingOptions(loneSurrogates: .replaceWithReplacementCharacter)
        let cases: [(String, String)] = [
            (#""\ud83d""#, "\u{FFFD}"),
            (#""a\udc00b""#, "a\u{FFFD}b"),
            (#""\ud83d\ud83d\ude00""#, "\u{FFFD}\u{1F600}"),
            (#""\ud83d\u0041""#, "\u{FFFD}A"),
            (#""\ud83d\ude00""#, "\u{1F600}"),
        ]
        for (literal, text) in cases {
            #expect(try JSONValue(parsing: literal, options: options) == .string(text), "\(literal)")
        }
    }

    @Test func stringsKeepEveryScalarIncludingByteOrderMarks() throws {
        let text = "\u{FEFF}a\u{FEFF}\"b\\\u{FEFF}"
        var quoted = ""
        JSONValue.writeString(text, to: &quoted)
        #expect(try JSONValue(parsing: quoted) == .string(text))
        #expect(try JSONValue(parsing: "\u{FEFF}[1]", options: JSONParsingOptions(allowsByteOrderMark: true)) == [1])
        #expect(throws: JSONSyntaxError.self) { try JSONValue(parsing: "\"\u{01}\"") }
        #expect(throws: JSONSyntaxError.self) { try JSONValue(parsing: [0x22, 0xC3, 0x28, 0x22]) }
    }

    @Test func cursorsNameThePathOfWhatIsWrong() throws {
        let document = JSONCursor(try JSONValue(parsing: #"{"model": {"vocab": {"a b": "x"}, "n": 1.5}, "list": [true]}"#))
        let vocab = try document.required("model").required("vocab").members()
        #expect(throws: JSONShapeError(path: vocab[0].cursor.path, reason: "expected an integer, found a string")) { try vocab[0].cursor.int() }
        #expect(vocab[0].cursor.path.description == #"model.vocab["a b"]"#)
        #expect(throws: JSONShapeError(path: JSONPath().member("model").member("missing"), reason: "missing")) {
            try document.required("model").required("missing")
        }
        #expect(throws: JSONShapeError.self) { try document.required("model").required("n").int() }
        #expect(try document.required("list").elements()[0].path.description == "list[0]")
        #expect(try document.required("model").member("absent") == nil)
        #expect(throws: JSONShapeError.self) { try document.required("list").elements()[0].int(in: 0...3) }
    }

    /// Skipped members read as null with their spans, the same through the checking skip, the
    /// skip of a valid document and a jump over a known span; a span that does not fit is not
    /// jumped; measured members keep their values and report their spans.
    @Test func skippedAndMeasuredMembersReportTheirSpans() throws {
        let text = #"{"model": {"vocab": {"a": 0, "b\"}": 1, "[c": 2}, "merges": [["a", "b"], "a ,c", []], "x": 1}}"#
        let bytes = Array(text.utf8)
        func parse(_ configure: (inout JSONParsingOptions) -> Void) throws -> (value: JSONValue, spans: [String: JSONSpan]) {
            var options = JSONParsingOptions()
            options.skippedPaths = ["model.merges"]
            options.measuredPaths = ["model.vocab"]
            configure(&options)
            return try bytes.withUnsafeBufferPointer { try JSONParser.parse($0, options: options) }
        }
        let checked = try parse { _ in }
        let mergesStart = text.utf8.count - #"[["a", "b"], "a ,c", []], "x": 1}}"#.utf8.count
        #expect(checked.spans["model.merges"] == JSONSpan(start: mergesStart, end: bytes.count - 10, count: 3))
        #expect(checked.spans["model.vocab"]?.count == 3)
        #expect(checked.value["model"]?["merges"] == .null)
        #expect(checked.value["model"]?["vocab"]?["[c"] == 2)
        #expect(checked.value["model"]?["x"] == 1)
        let valid = try parse { $0.skippedValuesAreValid = true }
        #expect(valid.spans == checked.spans && valid.value == checked.value)
        let jumped = try parse { $0.skippedValuesAreValid = true; $0.knownSpans = checked.spans }
        #expect(jumped.spans == checked.spans && jumped.value == checked.value)
        var shifted = checked.spans
        shifted["model.merges"]?.start += 1
        let notJumped = try parse { $0.skippedValuesAreValid = true; $0.knownSpans = shifted }
        #expect(notJumped.spans == checked.spans)
        let allSkipped = try parse { $0.skippedPaths.insert("model.vocab"); $0.skippedValuesAreValid = true }
        #expect(allSkipped.spans == checked.spans && allSkipped.value["model"]?["vocab"] == .null)
        #expect(throws: JSONSyntaxError.self) {
            try Array(#"{"model": {"merges": [1, 2"#.utf8).withUnsafeBufferPointer { buffer in
                var options = JSONParsingOptions()
                options.skippedPaths = ["model.merges"]
                options.skippedValuesAreValid = true
                return try JSONParser.parse(buffer, options: options)
            }
        }
    }
}
