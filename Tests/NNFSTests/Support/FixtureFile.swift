import Foundation

/// A fixture that cannot be read or does not match its schema. The message names the file and the
/// key path, e.g. `Fixtures/training.json: runs[2].steps[0].w1.values[5]: expected a string, found a number`.
struct FixtureError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }

    /// `error` from decoding the fixture `file`, as one line.
    init(_ file: String, _ error: DecodingError) {
        switch error {
        case .typeMismatch(let type, let context):
            self.init("\(file): \(Self.path(context.codingPath)): expected \(Self.name(type))\(Self.found(context))")
        case .valueNotFound(let type, let context):
            self.init("\(file): \(Self.path(context.codingPath)): expected \(Self.name(type)), found null")
        case .keyNotFound(let key, let context):
            self.init("\(file): \(Self.path(context.codingPath + [key])): missing")
        case .dataCorrupted(let context):
            self.init("\(file): \(Self.path(context.codingPath)): \(context.debugDescription)")
        @unknown default:
            self.init("\(file): \(error)")
        }
    }

    /// `runs[2].steps[0]["dense1.weights"]`: indices in brackets, keys that are not identifiers quoted.
    static func path(_ keys: [any CodingKey]) -> String {
        var out = ""
        for key in keys {
            if let index = key.intValue {
                out += "[\(index)]"
            } else if key.stringValue.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
                out += (out.isEmpty ? "" : ".") + key.stringValue
            } else {
                out += "[\"\(key.stringValue)\"]"
            }
        }
        return out.isEmpty ? "(top level)" : out
    }

    /// `Array<Any>` reads as "an array", `Dictionary<String, Any>` as "an object".
    private static func name(_ type: Any.Type) -> String {
        switch "\(type)" {
        case let t where t.hasPrefix("Array<"): "an array"
        case let t where t.hasPrefix("Dictionary<"): "an object"
        case let t: t
        }
    }

    /// JSONDecoder's "... but found a string instead." as ", found a string".
    private static func found(_ context: DecodingError.Context) -> String {
        guard let range = context.debugDescription.range(of: "but found ") else { return "" }
        let rest = context.debugDescription[range.upperBound...]
        return ", found " + (rest.hasSuffix(" instead.") ? rest.dropLast(" instead.".count) : rest)
    }
}

/// The JSON fixtures under Tests/NNFSTests/Fixtures, decoded into `Decodable` types that describe
/// their schema (the types are in this folder, one file per fixture family).
enum FixtureFile {
    /// Decodes `Fixtures/<relative>` (e.g. `"model.json"`, `"images/images.json"`).
    static func load<T: Decodable>(_ type: T.Type, _ relative: String) throws -> T {
        let name = "Fixtures/" + relative
        guard let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            throw FixtureError("\(name): the Fixtures folder is not in the test bundle")
        }
        let data: Data
        do {
            data = try Data(contentsOf: folder.appendingPathComponent(relative))
        } catch {
            throw FixtureError("\(name): cannot read: \(error.localizedDescription)")
        }
        return try decode(type, from: data, name: name)
    }

    /// Decodes `data` as `T`; a mismatch throws a ``FixtureError`` naming `name` and the key path.
    static func decode<T: Decodable>(_ type: T.Type, from data: Data, name: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw FixtureError(name, error)
        }
    }
}

/// A fixture decoded once per test process; every test that uses it gets the value or the error.
struct CachedFixture<T: Decodable & Sendable>: Sendable {
    let result: Result<T, any Error>

    init(_ type: T.Type, _ relative: String) {
        result = Result { try FixtureFile.load(type, relative) }
    }

    func get() throws -> T { try result.get() }
}

/// A key known only when reading (a fixture whose object keys are names, not a fixed schema).
struct FixtureKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(_ name: String) { stringValue = name }
    init(stringValue: String) { self.init(stringValue) }
    init?(intValue: Int) { nil }
}
