using CarTOutcomes.Survival.Cox;
using CarTOutcomes.Survival.Data;

namespace CarTOutcomes.Survival.Tests.Cox;

/// <summary>
/// The design's centring and scaling (R <c>coxfit6.c</c>: weighted mean; scale Σw / Σ w|x − mean|; columns of
/// −1/0/1 left alone) and its check for values that are not finite, on columns long enough for the vector path and
/// with a tail that is not a whole number of vectors.
/// </summary>
public class CoxDesignTests
{
    private const int N = 1003;

    private static CoxDesign Design(double[][] x, double[]? weight = null)
    {
        var time = Enumerable.Range(0, N).Select(i => 1.0 + i % 97).ToArray();
        var status = Enumerable.Range(0, N).Select(i => i % 3 != 0).ToArray();
        return CoxDesign.Create(SurvivalData.RightCensored(time, status, weight), x,
            x.Select((_, j) => $"x{j + 1}").ToArray(), new CoxOptions());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Columns_are_centred_and_scaled_as_coxfit6_does_it(bool weighted)
    {
        var rng = new Random(3);
        var x = new[] { Enumerable.Range(0, N).Select(_ => 1e6 + rng.NextDouble() * 5).ToArray(),
                        Enumerable.Range(0, N).Select(_ => rng.NextDouble() - 0.3).ToArray() };
        var w = weighted ? Enumerable.Range(0, N).Select(_ => 0.5 + rng.Next(3)).ToArray() : null;
        var d = Design(x, w);
        for (int j = 0; j < 2; j++)
        {
            double sw = 0, sum = 0, abs = 0;
            for (int i = 0; i < N; i++) { double wi = w?[i] ?? 1; sw += wi; sum += wi * x[j][i]; }
            double mean = sum / sw;
            for (int i = 0; i < N; i++) abs += (w?[i] ?? 1) * Math.Abs(x[j][i] - mean);
            d.Center[j].Should().BeApproximately(mean, 1e-12 * Math.Abs(mean));
            d.Scale[j].Should().BeApproximately(sw / abs, 1e-9 * sw / abs);
        }
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(500)]
    [InlineData(1001)]
    public void Columns_of_minus_one_zero_and_one_are_left_alone_and_any_other_value_centres(int other)
    {
        var x = Enumerable.Range(0, N).Select(i => (double)(i % 3 - 1)).ToArray();
        if (other >= 0) x[other] = 3.5;
        var d = Design([x]);
        if (other < 0) { d.Center[0].Should().Be(0); d.Scale[0].Should().Be(1); }
        else { d.Center[0].Should().NotBe(0); d.Scale[0].Should().NotBe(1); }
    }

    [Theory]
    [InlineData(9, double.NaN)]
    [InlineData(500, double.PositiveInfinity)]
    [InlineData(1001, double.NegativeInfinity)]
    public void A_value_that_is_not_finite_is_named_by_column_and_index(int index, double value)
    {
        var x = Enumerable.Range(0, N).Select(i => i * 0.01).ToArray();
        x[index] = value;
        var act = () => Design([Enumerable.Repeat(1.5, N).ToArray(), x]);
        act.Should().Throw<ArgumentException>().WithMessage($"Covariate 'x2' at index {index} is *; covariates must be finite*");
    }
}
