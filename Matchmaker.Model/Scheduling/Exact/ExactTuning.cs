namespace Matchmaker.Model.Scheduling.Exact;

/// <summary>Limits of one exact solve.</summary>
/// <param name="Fairness">Largest allowed difference between two participants' breaks; null = no bound.</param>
/// <param name="Workers">
/// CP-SAT workers. 4 on the 2-core benchmark machine: CP-SAT's 4-worker portfolio holds subsolvers the
/// 2-worker one lacks, and measured faster here than 2 (docs/benchmarks.md).
/// </param>
/// <param name="Tuning">The search's settings; <see cref="ExactTuning.Default"/> unless an experiment changes them.</param>
/// <param name="Hint">
/// A schedule of the instance already known (in its meeting order), such as the event mode's placement: when it
/// keeps every hard constraint and the fairness, the search starts from it as its incumbent, stops as soon as the
/// refuted bound reaches its breaks (it is then proven optimal) and never answers worse.
/// </param>
public sealed record ExactSchedulerOptions(
    int? Fairness = 2, double TimeLimitSeconds = 60, int Workers = 4, int Seed = 0, ExactTuning? Tuning = null,
    IReadOnlyList<PlacedMeeting>? Hint = null);

/// <summary>
/// Every setting of the exact search in one place. Work is CP-SAT's deterministic time: unlike seconds it
/// does not shrink when other processes share the cores, so a try takes the same path on a busy machine.
/// None of them names an instance; the values were measured on the real instances and their variants
/// (docs/benchmarks.md, docs/scheduling.md).
/// </summary>
/// <param name="FallbackShare">
/// Share of the time limit kept at the end for a minimising run, so the caller still gets a schedule when
/// the proof runs out of time.
/// </param>
/// <param name="IncumbentShare">
/// Share of the time limit LNS may take to lower the incumbent (the first schedule) once two or more breaks
/// are to spare: it gives an upper bound, so the upward search stops as soon as it meets it, and it proves
/// the optimum by itself when it reaches the refuted bound. A larger share (for the minimising run that was
/// the incumbent before) took the time an upward climb needed (docs/benchmarks.md, history).
/// </param>
/// <param name="IncumbentReserve">
/// Share of the time limit the proof search leaves for a first schedule and LNS as long as it has not sought an
/// incumbent (given back once it has): an instance whose proof stalls at its bound still ends with a schedule.
/// </param>
/// <param name="IncumbentFromSlack">
/// Breaks above the bound (once the own minimums are refuted) from which the incumbent is sought.
/// </param>
/// <param name="ProbeWork">Work the full model gets at one spare break before the choice of who takes it is split.</param>
/// <param name="StepWork">
/// Work of one "at most B breaks" step of the full model (no spare break, or two and more); when a step is
/// undecided the search hands over to the minimising run from the refuted bound.
/// </param>
/// <param name="BatchSize">Candidates tried together for a spare break: a failing batch clears all of them.</param>
/// <param name="BatchWork">Work of one batch (a failing batch of four takes about 0.2).</param>
/// <param name="SingleWork">Work of one candidate alone (one that can take the break reaches a schedule in 0.6–2).</param>
/// <param name="WallPerWork">
/// Wall-clock cap per unit of work: with four workers on two cores the wall clock can run far ahead of the work.
/// </param>
/// <param name="ShareWork">Work of one way to share a group's excess among its members.</param>
/// <param name="MaxShares">Above this many ways to share the groups' excess the split is not tried.</param>
/// <param name="MaxSplitModels">Above this many split models with one break to spare the full model runs instead.</param>
/// <param name="MaxExcess">How many extra breaks a neighbourhood is checked for.</param>
/// <param name="GroupShare">Share of the time limit the neighbourhood checks of the lower bound may take in all.</param>
/// <param name="NeighbourhoodWork">Work of one neighbourhood check (one worker each, two checks at a time).</param>
/// <param name="PatternLimit">Above this many day patterns a participant's breaks are counted with start literals instead.</param>
/// <param name="FirstScheduleShare">
/// Share of the time limit the search for a first schedule (no objective, stopped at its first solution) may take.
/// </param>
/// <param name="LnsShare">Starting share of the meetings one LNS step frees (it adapts from there).</param>
/// <param name="LnsWork">Work of one LNS step.</param>
/// <param name="LnsStreams">LNS steps run side by side (one CP-SAT worker each): one per core of the benchmark machine.</param>
public sealed record ExactTuning(
    double FallbackShare = 0.05,
    double IncumbentShare = 0.15,
    int IncumbentFromSlack = 2,
    double IncumbentReserve = 0.15,
    double ProbeWork = 0.5,
    double StepWork = 4.0,
    int BatchSize = 4,
    double BatchWork = 0.5,
    double SingleWork = 2.0,
    double WallPerWork = 2.0,
    double ShareWork = 1.0,
    int MaxShares = 500,
    int MaxSplitModels = 1000,
    int MaxExcess = 3,
    double GroupShare = 0.3,
    double NeighbourhoodWork = 0.5,
    int PatternLimit = 4000,
    double FirstScheduleShare = 0.1,
    double LnsShare = 0.3,
    double LnsWork = 0.1,
    int LnsStreams = 2)
{
    public static ExactTuning Default { get; } = new();
}
