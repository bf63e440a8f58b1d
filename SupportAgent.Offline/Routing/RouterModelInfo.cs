namespace SupportAgent.Offline.Routing;

/// <summary>
/// What <c>train-router</c> records next to the trained model (Routing/Model/router.json).
/// </summary>
/// <param name="DataHash"><see cref="IntentData.Hash"/> of the messages trained on, so a stale model is caught by a test.</param>
/// <param name="Messages">How many messages it trained on.</param>
/// <param name="Temperature">The calibration temperature (<see cref="TemperatureScaling"/>).</param>
/// <param name="EmbeddingWeight">The scale of the embedding block the model was trained with (<see cref="IntentFeatures"/>).</param>
/// <param name="CalibrationMessages">Size of the training split held back to fit the temperature.</param>
/// <param name="CalibrationAccuracy">Accuracy on that split of the model trained without it.</param>
/// <param name="LogLossBefore">Log loss on that split before calibration.</param>
/// <param name="LogLossAfter">Log loss on that split after calibration.</param>
public sealed record RouterModelInfo(
    string DataHash,
    int Messages,
    double Temperature,
    float EmbeddingWeight,
    int CalibrationMessages,
    double CalibrationAccuracy,
    double LogLossBefore,
    double LogLossAfter);
