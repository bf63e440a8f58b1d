using SupportAgent.Offline.Routing;
using SupportAgent.Offline.Understanding;

namespace SupportAgent.Tests.Routing;

/// <summary>One trained classifier shared by every routing test class (training takes a couple of seconds).</summary>
public sealed class ClassifierFixture : IDisposable
{
    public MlNetIntentClassifier Classifier { get; } = new();

    public ClassifierFixture() => Classifier.EnsureTrained();

    public void Dispose() => Classifier.Dispose();
}

[CollectionDefinition(Name)]
public sealed class ClassifierCollection : ICollectionFixture<ClassifierFixture>
{
    public const string Name = "Routing classifier";
}
