import NNFS

/// The training curve under a cell whose output is a training log (`epoch: N, acc: A, loss: L`
/// lines, as the book prints from chapter 10 on): our loss and accuracy at every printed epoch as
/// lines, the book's printed points as dots over them. A reader sees at once whether a log that
/// drifts within its tolerance still follows the book's course. It is drawn from the two texts the
/// report already has (the log itself is checked against the book and against its snapshot).
enum TrainingCurve {
    struct Point: Equatable {
        var epoch: Double
        var accuracy: Double
        var loss: Double
    }

    /// The `epoch: N, acc: A, loss: L` lines of a log, in order (other lines are ignored).
    static func points(_ log: String) -> [Point] {
        HTMLOutputDiff.lines(log).compactMap { line in
            guard line.hasPrefix("epoch: ") else { return nil }
            var fields: [String: Double] = [:]
            for part in line.split(separator: ",") {
                let kv = part.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if kv.count == 2, let v = Double(kv[1]) { fields[kv[0]] = v }
            }
            guard let e = fields["epoch"], let a = fields["acc"], let l = fields["loss"] else { return nil }
            return Point(epoch: e, accuracy: a, loss: l)
        }
    }

    /// The figure for a cell, when its output is a training log of at least three printed epochs.
    static func figure(_ r: CellResult) -> CellFigure? {
        guard let actual = r.actual else { return nil }
        let ours = points(actual)
        guard ours.count >= 3 else { return nil }
        let book = r.cell.output.map { $0.options.ours ? [] : points($0.text) } ?? []
        let drawn = plt.isolated {
            plt.figure(figsize: (8, 4))
            for (i, (name, value)) in [("loss", \Point.loss), ("accuracy", \Point.accuracy)].enumerated() {
                plt.subplot(1, 2, i + 1)
                plt.plot(ours.map(\.epoch), ours.map { $0[keyPath: value] }, label: "ours")
                if !book.isEmpty {
                    plt.plot(book.map(\.epoch), book.map { $0[keyPath: value] }, "o", c: "k", label: "book")
                }
                plt.title(name)
                plt.xlabel("epoch")
                plt.legend()
            }
        }
        let alt = "Training curve: our loss and accuracy at \(ours.count) printed epochs"
            + (book.isEmpty ? "" : ", with the book's \(book.count) printed points")
            + "; loss from \(short(ours.first!.loss)) to \(short(ours.last!.loss)), accuracy from \(short(ours.first!.accuracy)) to \(short(ours.last!.accuracy))."
        return CellFigure(svg: drawn.svg, data: drawn.data, alt: alt)
    }

    static func short(_ v: Double) -> String { String(format: "%.3f", v) }
}
