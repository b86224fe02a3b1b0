import Testing
@testable import NNFSBook
