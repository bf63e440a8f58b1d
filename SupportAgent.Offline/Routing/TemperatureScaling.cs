namespace SupportAgent.Offline.Routing;

/// <summary>
/// Temperature scaling (Guo et al. 2017): one number T that divides the model's log-probabilities before the softmax.
/// It keeps the chosen lane and only makes the confidence honest, so "0.6" means right about 60% of the time; fitted by
/// minimum log loss on messages the model did not train on (a split of the training data, never the held-out sets).
/// </summary>
public static class TemperatureScaling
{
    public static double[] Apply(IReadOnlyList<float> probabilities, double temperature)
    {
        var logits = new double[probabilities.Count];
        var max = double.MinValue;
        for (var i = 0; i < logits.Length; i++)
        {
            logits[i] = Math.Log(Math.Max(probabilities[i], 1e-9)) / temperature;
            max = Math.Max(max, logits[i]);
        }
        var sum = 0.0;
        for (var i = 0; i < logits.Length; i++) sum += logits[i] = Math.Exp(logits[i] - max);
        for (var i = 0; i < logits.Length; i++) logits[i] /= sum;
        return logits;
    }

    /// <summary>Mean negative log-likelihood of the true lanes at temperature <paramref name="temperature"/>.</summary>
    public static double LogLoss(IReadOnlyList<(float[] Probabilities, int Label)> samples, double temperature) =>
        samples.Average(s => -Math.Log(Math.Max(Apply(s.Probabilities, temperature)[s.Label], 1e-12)));

    /// <summary>The temperature in [0.05, 20] with the least log loss (golden-section search on log T; the loss is unimodal there).</summary>
    public static double Fit(IReadOnlyList<(float[] Probabilities, int Label)> samples)
    {
        if (samples.Count == 0) return 1;
        double lo = Math.Log(0.05), hi = Math.Log(20);
        var ratio = (Math.Sqrt(5) - 1) / 2;
        double a = hi - ratio * (hi - lo), b = lo + ratio * (hi - lo);
        double fa = LogLoss(samples, Math.Exp(a)), fb = LogLoss(samples, Math.Exp(b));
        for (var i = 0; i < 60; i++)
        {
            if (fa < fb) { hi = b; b = a; fb = fa; a = hi - ratio * (hi - lo); fa = LogLoss(samples, Math.Exp(a)); }
            else { lo = a; a = b; fa = fb; b = lo + ratio * (hi - lo); fb = LogLoss(samples, Math.Exp(b)); }
        }
        return Math.Round(Math.Exp((lo + hi) / 2), 4);
    }
}
