extension np {
    /// `np.set_printoptions(linewidth=...)`: the characters per line that `print(tensor)` wraps at
    /// (NumPy's default is 75). As in NumPy the setting lasts for the rest of the program, so a
    /// later cell of the same chapter prints with it too.
    public static func setPrintoptions(linewidth: Int) {
        precondition(linewidth > 0, "np.setPrintoptions: linewidth must be positive")
        PrintOptions.lineWidth = linewidth
    }
}
