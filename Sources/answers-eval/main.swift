import Foundation
import ReboundAnswers

let arguments = Array(CommandLine.arguments.dropFirst())
exit(await AnswersEvalCommand.run(arguments))
