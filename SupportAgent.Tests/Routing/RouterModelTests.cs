using SupportAgent.Offline.Routing;

namespace SupportAgent.Tests.Routing;

/// <summary>The trained router shipped in the assembly, and its calibration.</summary>
public sealed class RouterModelTests
{
    [Fact]
    public void The_shipped_model_was_trained_on_the_data_in_the_repository()
    {
        var info = RouterModelFile.EmbeddedInfo();

        Assert.True(info is not null, "No trained router in SupportAgent.Offline/Routing/Model: run `dotnet run --project SupportAgent.Api -- train-router`.");
        Assert.True(info.DataHash == IntentData.Hash(IntentData.ClassifierTraining),
            "The router's training data changed since the shipped model was trained: run " +
            "`dotnet run --project SupportAgent.Api -- train-router` and commit SupportAgent.Offline/Routing/Model.");
        Assert.Equal(IntentData.ClassifierTraining.Count, info.Messages);
    }

    [Fact]
    public void The_shipped_model_is_calibrated_on_a_split_of_the_training_data()
    {
        var info = RouterModelFile.EmbeddedInfo()!;

        Assert.InRange(info.Temperature, 0.05, 20);
        Assert.True(info.CalibrationMessages >= IntentData.ClassifierTraining.Count / RouterTraining.CalibrationEvery - Offline.Protocol.Lanes.All.Count);
        Assert.True(info.LogLossAfter <= info.LogLossBefore, $"log loss {info.LogLossBefore} -> {info.LogLossAfter}");
    }

    [Fact]
    public void Temperature_scaling_keeps_the_lane_and_softens_overconfidence()
    {
        // A model that says 0.95 and is right 60% of the time: the fitted temperature must bring 0.95 down.
        var samples = Enumerable.Range(0, 100)
            .Select(i => (Probabilities: new[] { 0.95f, 0.03f, 0.01f, 0.01f }, Label: i % 10 < 6 ? 0 : 1))
            .ToList();

        var temperature = TemperatureScaling.Fit(samples);
        var calibrated = TemperatureScaling.Apply(samples[0].Probabilities, temperature);

        Assert.True(temperature > 1, $"temperature {temperature}");
        Assert.Equal(0, Array.IndexOf(calibrated, calibrated.Max()));
        Assert.InRange(calibrated[0], 0.5, 0.7);
        Assert.Equal(1.0, calibrated.Sum(), 6);
    }
}
