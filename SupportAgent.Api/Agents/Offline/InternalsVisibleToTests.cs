using System.Runtime.CompilerServices;

// The offline engine's signal extraction is unit-tested directly; its pieces stay internal to the Api.
[assembly: InternalsVisibleTo("SupportAgent.Tests")]
