//! Interleaved timing: contenders of one comparison take turns, sample by sample, so a change of
//! machine load (the machine is shared) hits all of them alike; results are medians.

use std::time::{Duration, Instant};

/// One timed contender: a name and the work of one iteration.
pub struct Contender<'a> {
    /// The name the result is reported under.
    pub name: &'static str,
    /// One iteration of the work; returns something so the optimiser cannot drop it.
    pub run: Box<dyn FnMut() -> usize + 'a>,
    /// Untimed work before each sample (cleaning an output directory, say).
    pub before: Option<Box<dyn FnMut() + 'a>>,
}

impl<'a> Contender<'a> {
    /// A contender with no untimed preparation.
    pub fn new(name: &'static str, run: impl FnMut() -> usize + 'a) -> Self {
        Contender {
            name,
            run: Box::new(run),
            before: None,
        }
    }

    /// Adds untimed work before each sample.
    pub fn before(mut self, before: impl FnMut() + 'a) -> Self {
        self.before = Some(Box::new(before));
        self
    }
}

/// The median time of one iteration of one contender.
#[derive(Clone, Debug, PartialEq)]
pub struct Median {
    /// The contender's name.
    pub name: &'static str,
    /// Median over the samples of (sample time / iterations per sample).
    pub per_iteration: Duration,
    /// How many samples were taken.
    pub samples: usize,
    /// Iterations timed together in one sample.
    pub iterations: usize,
}

/// Times the contenders in turns: `samples` rounds, each running every contender for
/// `iterations` iterations (the order rotates each round). One untimed warm-up round first.
pub fn interleaved(
    contenders: &mut [Contender<'_>],
    samples: usize,
    iterations: usize,
) -> Vec<Median> {
    let iterations = iterations.max(1);
    let count = contenders.len();
    let mut times: Vec<Vec<Duration>> = vec![Vec::with_capacity(samples); count];
    for round in 0..=samples {
        for turn in 0..count {
            let index = (round + turn) % count;
            let contender = &mut contenders[index];
            if let Some(before) = contender.before.as_mut() {
                before();
            }
            let started = Instant::now();
            let mut sink = 0usize;
            for _ in 0..iterations {
                sink = sink.wrapping_add(std::hint::black_box((contender.run)()));
            }
            let elapsed = started.elapsed();
            std::hint::black_box(sink);
            // Round 0 warms caches and allocators; it is not kept.
            if round > 0 {
                times[index].push(elapsed / iterations as u32);
            }
        }
    }
    contenders
        .iter()
        .zip(times)
        .map(|(contender, mut samples_of)| Median {
            name: contender.name,
            per_iteration: median(&mut samples_of),
            samples: samples_of.len(),
            iterations,
        })
        .collect()
}

/// How many iterations make one sample of `run` last about `target` (at least one).
pub fn iterations_for(target: Duration, mut run: impl FnMut() -> usize) -> usize {
    let started = Instant::now();
    let mut done = 0usize;
    while started.elapsed() < target / 10 && done < 1_000_000 {
        std::hint::black_box(run());
        done += 1;
    }
    let per = started.elapsed() / done.max(1) as u32;
    if per.is_zero() {
        return 1_000;
    }
    ((target.as_nanos() / per.as_nanos()).max(1) as usize).min(1_000_000)
}

/// The median of `values` (the mean of the middle two for an even count); zero when empty.
pub fn median(values: &mut [Duration]) -> Duration {
    if values.is_empty() {
        return Duration::ZERO;
    }
    values.sort_unstable();
    let middle = values.len() / 2;
    if values.len() % 2 == 1 {
        values[middle]
    } else {
        (values[middle - 1] + values[middle]) / 2
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_and_even_counts() {
        let ms = Duration::from_millis;
        assert_eq!(median(&mut [ms(5), ms(1), ms(3)]), ms(3));
        assert_eq!(median(&mut [ms(4), ms(1), ms(2), ms(3)]), ms(2) + ms(1) / 2);
        assert_eq!(median(&mut []), Duration::ZERO);
    }

    #[test]
    fn interleaved_runs_every_contender_each_round_and_prepares_untimed() {
        let mut fast_runs = 0;
        let mut slow_runs = 0;
        let mut prepared = 0;
        let mut contenders = [
            Contender::new("fast", || {
                fast_runs += 1;
                1
            }),
            Contender::new("slow", || {
                slow_runs += 1;
                std::thread::sleep(Duration::from_millis(2));
                1
            })
            .before(|| prepared += 1),
        ];
        let medians = interleaved(&mut contenders, 3, 2);
        drop(contenders);
        assert_eq!((fast_runs, slow_runs, prepared), (8, 8, 4));
        assert_eq!(medians[0].name, "fast");
        assert_eq!(medians[0].samples, 3);
        assert!(medians[1].per_iteration >= Duration::from_millis(2));
        assert!(medians[0].per_iteration < medians[1].per_iteration);
    }
}
