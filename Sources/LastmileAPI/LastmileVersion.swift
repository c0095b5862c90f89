/// The version of Lastmile that the server reports and the CLI prints.
public enum LastmileVersion {
    public static let current = "0.2.0"
}
