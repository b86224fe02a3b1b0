print("nnfs-book: not yet")
