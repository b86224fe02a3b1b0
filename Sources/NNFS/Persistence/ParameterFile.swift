/// Chapter 21's parameter file, as a safetensors file instead of a pickle: the `(weights, biases)`
/// of each trainable layer as tensors `"<k>.weights"` and `"<k>.biases"` (k = 0, 1, ...), dtypes and
/// shapes as they are, plus metadata `format: nnfs-book parameters`, `version: 1`.
///
/// Any safetensors file with those tensor names loads (the metadata may be absent, e.g. a file
/// written by Python's `safetensors.numpy.save_file`); a file saying it is something else, or
/// another version, is refused.
public enum ParameterFile {
    static let format = "nnfs-book parameters"
    static let version = "1"

    /// Writes `parameters` to `path` (atomically).
    public static func write(_ parameters: [(weights: Tensor, biases: Tensor)], to path: String) throws {
        var tensors: [(name: String, tensor: Tensor)] = []
        for (k, p) in parameters.enumerated() {
            tensors.append(("\(k).weights", p.weights))
            tensors.append(("\(k).biases", p.biases))
        }
        try SafeTensors.write(tensors, metadata: ["format": format, "version": version], to: path)
    }

    /// Reads the parameter list written by ``write(_:to:)``.
    public static func read(_ path: String) throws -> [(weights: Tensor, biases: Tensor)] {
        let (tensors, metadata) = try SafeTensors.read(path)
        if let found = metadata["format"], found != format {
            throw FileError(path, found == ModelFile.format
                ? "this is a whole model (format \"\(found)\"), not a parameter file: load it with Model.load"
                : "not an nnfs-book parameter file (its metadata says format \"\(found)\")")
        }
        if metadata["format"] != nil, let found = metadata["version"], found != version {
            throw FileError(path, "parameter file version \(found) is not supported (this NNFS reads version \(version))")
        }
        var layers: [Int: (weights: Tensor?, biases: Tensor?)] = [:]
        for (name, tensor) in tensors {
            let parts = name.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 2, let k = Int(parts[0]), k >= 0, parts[1] == "weights" || parts[1] == "biases" else {
                throw FileError(path, "tensor \"\(name)\" is not a parameter (expected names like \"0.weights\" and \"0.biases\")")
            }
            if parts[1] == "weights" { layers[k, default: (nil, nil)].weights = tensor } else { layers[k, default: (nil, nil)].biases = tensor }
        }
        var parameters: [(weights: Tensor, biases: Tensor)] = []
        for k in 0..<layers.count {
            guard let entry = layers[k] else { throw FileError(path, "layer \(k) is missing (tensors \"\(k).weights\" and \"\(k).biases\")") }
            guard let weights = entry.weights else { throw FileError(path, "tensor \"\(k).weights\" is missing") }
            guard let biases = entry.biases else { throw FileError(path, "tensor \"\(k).biases\" is missing") }
            parameters.append((weights, biases))
        }
        return parameters
    }
}

extension Model {
    /// Chapter 21's `save_parameters(path)`: ``getParameters()`` to a safetensors file (see ``ParameterFile``).
    public func saveParameters(_ path: String) throws {
        try ParameterFile.write(getParameters(), to: path)
    }

    /// Chapter 21's `load_parameters(path)`: ``setParameters(_:)`` from a file written by
    /// ``saveParameters(_:)``. The file must hold one `(weights, biases)` pair per trainable layer
    /// with the layer's shapes (call ``finalize()`` first, as the book does).
    public func loadParameters(_ path: String) throws {
        let parameters = try ParameterFile.read(path)
        guard parameters.count == trainableLayers.count else {
            throw FileError(path, "holds parameters for \(parameters.count) dense layers, the model has \(trainableLayers.count)"
                + (trainableLayers.isEmpty && layers.contains { $0 is LayerDense } ? " (call model.finalize() before loadParameters)" : ""))
        }
        for (k, (p, layer)) in zip(parameters, trainableLayers).enumerated() {
            try ModelFile.checkShape(p.weights, layer.weights.shape, "layer \(k) weights", path)
            try ModelFile.checkShape(p.biases, layer.biases.shape, "layer \(k) biases", path)
        }
        setParameters(parameters)
    }
}
