/// A tree ensemble as decoded from a node's attributes, before it is compiled for evaluation:
/// interior nodes, leaves with their weights, and the root of every tree.
///
/// Both attribute encodings build one: the `nodes_*`/`target_*` tuples of TreeEnsembleRegressor
/// and TreeEnsembleClassifier, and the `nodes_*`/`leaf_*` arrays of TreeEnsemble (ml opset 5).
struct TreeGraph {
    /// A child or root: an interior node or a leaf, by index.
    enum Ref: Equatable {
        case node(Int)
        case leaf(Int)
    }

    /// One weight of a leaf: the target (or class) it adds to, in float and double.
    struct Weight {
        var target: Int
        var float: Float
        var double: Double
    }

    /// The comparison mode of each interior node (`TreeNodeMode` raw value).
    var modes: [UInt8] = []
    var features: [Int] = []
    var thresholdsFloat: [Float] = []
    var thresholdsDouble: [Double] = []
    var missingTracksTrue: [Bool] = []
    var trueChildren: [Ref] = []
    var falseChildren: [Ref] = []
    /// The set of a BRANCH_MEMBER node, empty for other modes.
    var membersFloat: [[Float]] = []
    var membersDouble: [[Double]] = []
    /// The weights of each leaf, in the order they are added.
    var leaves: [[Weight]] = []
    var roots: [Ref] = []

    mutating func addNode(
        mode: TreeNodeMode, feature: Int, threshold: (Float, Double), missingTracksTrue: Bool,
        members: ([Float], [Double]) = ([], [])
    ) {
        modes.append(mode.rawValue)
        features.append(feature)
        thresholdsFloat.append(threshold.0)
        thresholdsDouble.append(threshold.1)
        self.missingTracksTrue.append(missingTracksTrue)
        trueChildren.append(.leaf(0))
        falseChildren.append(.leaf(0))
        membersFloat.append(members.0)
        membersDouble.append(members.1)
    }
}

/// How an interior node compares its feature with its threshold.
enum TreeNodeMode: UInt8 {
    case leq = 0, lt, gte, gt, eq, neq, member

    /// Parses the string modes of TreeEnsembleRegressor/Classifier; nil for `LEAF`.
    static func parse(_ name: String) throws -> TreeNodeMode? {
        switch name {
        case "BRANCH_LEQ": return .leq
        case "BRANCH_LT": return .lt
        case "BRANCH_GTE": return .gte
        case "BRANCH_GT": return .gt
        case "BRANCH_EQ": return .eq
        case "BRANCH_NEQ": return .neq
        case "LEAF": return nil
        default:
            throw OpError("node mode \"\(name)\" is not one of BRANCH_LEQ, BRANCH_LT, BRANCH_GTE, BRANCH_GT, BRANCH_EQ, BRANCH_NEQ, LEAF")
        }
    }
}

/// How the leaf values of the trees are combined for one target.
enum TreeAggregate: Sendable {
    case sum, average, min, max

    init(name: String) throws {
        switch name {
        case "SUM": self = .sum
        case "AVERAGE": self = .average
        case "MIN": self = .min
        case "MAX": self = .max
        default: throw OpError("aggregate_function \"\(name)\" is not one of SUM, AVERAGE, MIN, MAX")
        }
    }
}
