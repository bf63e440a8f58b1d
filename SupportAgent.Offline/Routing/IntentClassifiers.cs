namespace SupportAgent.Offline.Routing;

/// <summary>The classifier the product routes with, built the one way the Api, the CLI and the tests share.</summary>
public static class IntentClassifiers
{
    public static IIntentClassifier CreateDefault() => new MlNetIntentClassifier();
}
