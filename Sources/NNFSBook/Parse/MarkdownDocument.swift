import CCmark
import Foundation

/// A thin owner of a libcmark document tree (parsed with source positions).
final class MarkdownDocument {
    let root: OpaquePointer

    struct CodeBlockNode {
        var node: OpaquePointer
        var info: String
        var literal: String
        var startLine: Int
        var endLine: Int
        /// A direct child of the document (not inside a list or block quote).
        var topLevel: Bool
    }

    init(bytes: [UInt8]) {
        var chars = bytes.map { CChar(bitPattern: $0) }
        chars.append(0)
        root = cmark_parse_document(chars, bytes.count, CMARK_OPT_SOURCEPOS)
    }

    deinit { cmark_node_free(root) }

    /// Every code block (fenced or indented), in document order, found with cmark's iterator.
    func codeBlocks() -> [CodeBlockNode] {
        var found: [CodeBlockNode] = []
        guard let iter = cmark_iter_new(root) else { return found }
        defer { cmark_iter_free(iter) }
        while case let event = cmark_iter_next(iter), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iter),
                cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK
            else { continue }
            found.append(
                CodeBlockNode(
                    node: node,
                    info: Self.string(cmark_node_get_fence_info(node)),
                    literal: Self.string(cmark_node_get_literal(node)).replacingCRLF(),
                    startLine: Int(cmark_node_get_start_line(node)),
                    endLine: Int(cmark_node_get_end_line(node)),
                    topLevel: cmark_node_parent(node) == root))
        }
        return found
    }

    /// The document's top-level blocks, in order.
    func topLevelNodes() -> [OpaquePointer] {
        var nodes: [OpaquePointer] = []
        var child = cmark_node_first_child(root)
        while let c = child {
            nodes.append(c)
            child = cmark_node_next(c)
        }
        return nodes
    }

    /// cmark's HTML for one node and its children (raw HTML is omitted: cmark's safe default).
    static func html(_ node: OpaquePointer) -> String {
        guard let p = cmark_render_html(node, CMARK_OPT_DEFAULT) else { return "" }
        defer { free(p) }
        return String(cString: p)
    }

    static func startLine(_ node: OpaquePointer) -> Int { Int(cmark_node_get_start_line(node)) }
    static func endLine(_ node: OpaquePointer) -> Int { Int(cmark_node_get_end_line(node)) }
    static func isCodeBlock(_ node: OpaquePointer) -> Bool { cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK }
    static func isParagraph(_ node: OpaquePointer) -> Bool { cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH }

    private static func string(_ p: UnsafePointer<CChar>?) -> String {
        p.map { String(cString: $0) } ?? ""
    }
}

extension String {
    /// `\r\n` and lone `\r` -> `\n`.
    func replacingCRLF() -> String {
        guard utf8.contains(0x0D) else { return self }
        var out = ""
        out.reserveCapacity(utf8.count)
        var previousCR = false
        for scalar in unicodeScalars {
            if scalar == "\r" { out.append("\n"); previousCR = true; continue }
            if scalar == "\n" && previousCR { previousCR = false; continue }
            previousCR = false
            out.unicodeScalars.append(scalar)
        }
        return out
    }
}
