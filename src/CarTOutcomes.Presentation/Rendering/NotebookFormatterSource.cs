// Placeholder replaced below.
namespace CarTOutcomes.Presentation.Rendering;
internal sealed class NotebookFormatterSource { }
