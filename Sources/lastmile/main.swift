import LastmileCLI

LastmileCommand.main(arguments: nil)
