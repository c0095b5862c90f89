extension ValidationTypeChecker {
    /// The functions, by name, for messages.
    static let functionNames = ["abs", "len", "max", "mean", "min", "sum"]

    /// Checks a call: `abs(x)`, `min`/`max` of numbers or of one vector, `mean`, `sum`, `len`
    /// of one vector.
    mutating func call(_ name: String, _ arguments: [ValidationExpression], at position: Int) throws(ValidationSyntaxError) -> Typed {
        switch name {
        case "abs":
            let argument = try single(name, arguments, at: position, expecting: "one number")
            return .number(.abs(try number(argument, for: "abs")))
        case "min", "max":
            let isMax = name == "max"
            guard !arguments.isEmpty else {
                throw ValidationSyntaxError(at: position, "\(name) takes one vector or one or more numbers, but is given none")
            }
            if arguments.count == 1, case .vector(let vector) = try type(arguments[0]) {
                return .number(.reduce(isMax ? .max : .min, access: try numericVector(vector, for: name, at: arguments[0].position)))
            }
            var numbers: [ValidationNumber] = []
            for argument in arguments {
                numbers.append(try number(argument, for: name))
            }
            return .number(arguments.count == 1 ? numbers[0] : .extreme(isMax: isMax, numbers))
        case "mean", "sum", "len":
            let argument = try single(name, arguments, at: position, expecting: "one vector")
            guard case .vector(let vector) = try type(argument) else {
                throw ValidationSyntaxError(at: argument.position, "\(name) takes a vector (a field with fewer indexes than dimensions), but this is a single value")
            }
            if name == "len" {
                var access = vector.access
                access.element = .any
                return .number(.reduce(.len, access: register(access)))
            }
            return .number(.reduce(name == "sum" ? .sum : .mean, access: try numericVector(vector, for: name, at: argument.position)))
        default:
            let known = Self.functionNames.joined(separator: ", ")
            throw ValidationSyntaxError(at: position, "unknown function \"\(name)\"; the functions are \(known)")
        }
    }

    /// The one argument of a function that takes exactly one.
    private func single(_ name: String, _ arguments: [ValidationExpression], at position: Int, expecting: String) throws(ValidationSyntaxError) -> ValidationExpression {
        guard arguments.count == 1 else {
            throw ValidationSyntaxError(at: arguments.count > 1 ? arguments[1].position : position, "\(name) takes \(expecting), but is given \(arguments.count) arguments")
        }
        return arguments[0]
    }

    /// Registers a vector for an arithmetic reduction, which needs numeric elements.
    private mutating func numericVector(_ vector: Vector, for name: String, at position: Int) throws(ValidationSyntaxError) -> Int {
        guard vector.access.element == .number else {
            throw ValidationSyntaxError(at: position, "\(name) needs numbers, but \(vector.text) is a \(vector.datatype) vector (len() counts its elements)")
        }
        return register(vector.access)
    }
}
