import CCrypto

/// SHA-256, for the result cache's keys and checksums, computed by OpenSSL's libcrypto (Debian's
/// `libssl-dev`). Foundation on Linux has no digest, and a cache key must not collide by accident
/// (a 32- or 64-bit hash could).
///
/// A value type over one OpenSSL digest context; copying a `SHA256` that is being fed is not
/// supported (each digest is built and finalized in one place).
public struct SHA256: ~Copyable {
    private let context: OpaquePointer

    public init() {
        guard let context = EVP_MD_CTX_new(), EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
            fatalError("OpenSSL could not start a SHA-256 digest")
        }
        self.context = context
    }

    deinit { EVP_MD_CTX_free(context) }

    public mutating func update<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
        let done: Void? = bytes.withContiguousStorageIfAvailable { update(UnsafeRawBufferPointer($0)) }
        if done == nil { Array(bytes).withUnsafeBytes { update($0) } }
    }

    public mutating func update(_ raw: UnsafeRawBufferPointer) {
        guard raw.count > 0 else { return }
        precondition(EVP_DigestUpdate(context, raw.baseAddress, raw.count) == 1, "SHA-256 update failed")
    }

    public mutating func update(_ text: String) { update(text.utf8) }

    /// The digest as 64 lowercase hex digits.
    public consuming func finalize() -> String {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        precondition(EVP_DigestFinal_ex(context, &digest, &length) == 1 && length == 32, "SHA-256 final failed")
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in digest.prefix(32) {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 15)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    public static func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        var d = SHA256()
        d.update(bytes)
        return d.finalize()
    }

    public static func hex(_ text: String) -> String { hex(text.utf8) }
}
