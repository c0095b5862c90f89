extension OpRegistry {
    /// Registers the Recurrent family of ops: LSTM, GRU, RNN.
    mutating func registerRecurrentOps() {
        register("LSTM") { ctx in try LSTMKernel(ctx) }
        register("GRU") { ctx in try GRUKernel(ctx) }
        register("RNN") { ctx in try RNNKernel(ctx) }
    }
}
