namespace CarTOutcomes.Cli.Tests.Commands;

/// <summary>
/// Counting-process rows of six subjects for the <c>--id</c> checks: a, c with two intervals each that meet, the
/// others one, at most one event per subject (so an id changes no estimate, as in R).
/// </summary>
internal static class SubjectIntervals
{
    public const string Csv = "id,start,stop,event,x\n" +
                              "a,0,5,0,1\n" +
                              "a,5,9,1,1\n" +
                              "b,0,4,1,0\n" +
                              "c,0,3,0,1\n" +
                              "c,3,8,1,0\n" +
                              "d,0,7,0,0\n" +
                              "e,0,2,1,1\n" +
                              "f,0,6,1,0\n";
}
