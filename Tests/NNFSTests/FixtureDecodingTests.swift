import Foundation
import Testing
@testable import NNFS

/// A fixture that does not match its schema fails with the file and the key path, not a cast trap.
@Suite struct FixtureDecodingTests {
    /// The message of the ``FixtureError`` decoding `json` as `T` throws (as if it were `name`).
    func message<T: Decodable>(_ type: T.Type, _ json: String, name: String = "Fixtures/test.json") -> String? {
        do {
            _ = try FixtureFile.decode(type, from: Data(json.utf8), name: name)
            Issue.record("decoded without an error")
        } catch {
            return "\(error)"
        }
        return nil
    }

    @Test func aCorruptedCopyOfTrainingJSONNamesTheFileAndTheKeyPath() throws {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/training", withExtension: "json"))
        let text = try String(contentsOf: url, encoding: .utf8)
        // The third run's second step: its w1 values get a number where hex bits belong.
        var runs = text.components(separatedBy: #"{"name":"#)
        try #require(runs.count == 6)
        var steps = runs[3].components(separatedBy: #""w1":{"dtype":"float32","shape":[2,64],"values":["#)
        try #require(steps.count == 4)
        steps[2] = "12," + steps[2]
        runs[3] = steps.joined(separator: #""w1":{"dtype":"float32","shape":[2,64],"values":["#)
        let corrupted = runs.joined(separator: #"{"name":"#)
        #expect(
            message(TrainingFixture.self, corrupted, name: "Fixtures/training.json")
                == "Fixtures/training.json: runs[2].steps[1].w1.values[0]: expected String, found number")
    }

    @Test func aMissingKeyIsNamedWithItsPath() {
        let json = #"{"numpy": "2", "runs": [{"name": "sgd", "steps": []}, {"steps": []}], "backprop": {}}"#
        #expect(message(TrainingFixture.self, json) == "Fixtures/test.json: runs[1].name: missing")
    }

    @Test func keysThatAreNotIdentifiersAreQuoted() {
        let json = #"{"steps": [{"dense1.weights": {"dtype": "float32", "shape": [1], "values": "3f800000"}}]}"#
        #expect(
            message(ModelFixture.LayerRun.self, json)
                == #"Fixtures/test.json: steps[0]["dense1.weights"].values: expected an array, found a string"#)
    }

    @Test func tensorRecordsCheckTheirBitsCountAndDtype() {
        #expect(
            message(TensorRecord.self, #"{"dtype": "float32", "shape": [2], "values": ["3f800000", "zz"]}"#)
                == #"Fixtures/test.json: values[1]: expected 32-bit hex, found "zz""#)
        #expect(
            message(TensorRecord.self, #"{"dtype": "float64", "shape": [2, 2], "values": ["3ff0000000000000"]}"#)
                == "Fixtures/test.json: values: 1 values for shape [2, 2]")
        #expect(
            message(TensorRecord.self, #"{"dtype": "float16", "shape": [], "values": ["3c00"]}"#)
                == #"Fixtures/test.json: dtype: unknown dtype "float16""#)
    }

    @Test func mixedTypeValuesAreDecodedByTheirSchema() throws {
        // A Python scalar keeps int and float apart; inf/nan arrive as strings.
        let numbers = try JSONDecoder().decode(
            [DifferentialFixture.Number].self,
            from: Data(#"[3, 2.5, "-inf", {"int": 2}, {"float": 2.0}, {"float": "nan"}, -0.0, {"float": -0.0}]"#.utf8))
        #expect(numbers.map(\.double).map(\.description) == ["3.0", "2.5", "-inf", "2.0", "2.0", "nan", "-0.0", "-0.0"])
        guard case .int(2) = numbers[3], case .float(2.0) = numbers[4] else {
            Issue.record("\(numbers[3]), \(numbers[4])")
            return
        }
        // np.array's nested lists of any rank flatten in row-major order.
        let list = try JSONDecoder().decode(DifferentialFixture.NestedList.self, from: Data("[[[1, 2], [3]], [], [[4]]]".utf8))
        #expect(list.flat.map(\.double) == [1, 2, 3, 4])
        #expect(
            message(DifferentialFixture.Number.self, #"{"float": "many"}"#)
                == #"Fixtures/test.json: float: expected a number, "inf", "-inf" or "nan""#)
    }

    @Test func unreadableFilesAreNamed() {
        #expect(throws: FixtureError.self) { try FixtureFile.load(TensorRecord.self, "no-such-fixture.json") }
    }
}
