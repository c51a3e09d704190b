/// Colours of the post's figures and of Gradscope's charts.
public enum Palette {
    /// The post's colours for depths 1, 2 and 3: CSS `pink`, `red` and `darkred`.
    public static let seedDepths = ["#FFC0CB", "#FF0000", "#8B0000"]
}
