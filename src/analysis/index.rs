//! Id lookups shared by the analyses: one hash map per kind of item, first occurrence wins.

use std::collections::HashMap;

use crate::model::{ItemKind, Month, Roadmap};

/// Positions of every item by id, per kind (duplicates resolve to the first in document order).
pub(crate) struct Index<'a> {
    /// Layer id → position in `plan.layers`.
    pub layers: HashMap<&'a str, usize>,
    /// Dependency id → position in `plan.dependencies`.
    pub dependencies: HashMap<&'a str, usize>,
    /// Investment id → position in `plan.investments`.
    pub investments: HashMap<&'a str, usize>,
    /// Milestone id → position in `plan.milestones`.
    pub milestones: HashMap<&'a str, usize>,
}

/// A node of the scheduling graph: investments first, then milestones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Node {
    /// An investment, by position.
    Investment(usize),
    /// A milestone, by position.
    Milestone(usize),
}

fn positions<'a, T>(items: &'a [T], id: impl Fn(&'a T) -> &'a str) -> HashMap<&'a str, usize> {
    let mut map = HashMap::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        map.entry(id(item)).or_insert(i);
    }
    map
}

impl<'a> Index<'a> {
    /// Indexes every id of `plan`.
    pub fn new(plan: &'a Roadmap) -> Index<'a> {
        Index {
            layers: positions(&plan.layers, |l| l.id.as_str()),
            dependencies: positions(&plan.dependencies, |d| d.id.as_str()),
            investments: positions(&plan.investments, |i| i.id.as_str()),
            milestones: positions(&plan.milestones, |m| m.id.as_str()),
        }
    }

    /// What kind of item `id` names (layer, dependency, investment, milestone order).
    pub fn kind(&self, id: &str) -> Option<ItemKind> {
        if self.layers.contains_key(id) {
            Some(ItemKind::Layer)
        } else if self.dependencies.contains_key(id) {
            Some(ItemKind::Dependency)
        } else if self.investments.contains_key(id) {
            Some(ItemKind::Investment)
        } else if self.milestones.contains_key(id) {
            Some(ItemKind::Milestone)
        } else {
            None
        }
    }

    /// The investment or milestone `id` names (investments first).
    pub fn node(&self, id: &str) -> Option<Node> {
        if let Some(&i) = self.investments.get(id) {
            Some(Node::Investment(i))
        } else {
            self.milestones.get(id).map(|&m| Node::Milestone(m))
        }
    }
}

/// Scheduling graph helpers over a plan and its index.
pub(crate) struct Schedule<'a> {
    plan: &'a Roadmap,
    /// Dense number of each node: investments `0..I`, milestones `I..I+M`.
    investments: usize,
    /// Predecessors of each dense node (what must finish first), resolved, in list order.
    predecessors: Vec<Vec<usize>>,
}

impl<'a> Schedule<'a> {
    /// Resolves every `after` and `needs` link of `plan` (unknown ids are skipped).
    pub fn new(plan: &'a Roadmap, index: &Index<'a>) -> Schedule<'a> {
        let investments = plan.investments.len();
        let dense = |id: &String| {
            index.node(id).map(|n| match n {
                Node::Investment(i) => i,
                Node::Milestone(m) => investments + m,
            })
        };
        let predecessors = plan
            .investments
            .iter()
            .map(|i| i.after.iter().filter_map(dense).collect())
            .chain(
                plan.milestones
                    .iter()
                    .map(|m| m.needs.iter().filter_map(dense).collect()),
            )
            .collect();
        Schedule {
            plan,
            investments,
            predecessors,
        }
    }

    /// Number of nodes (investments and milestones).
    pub fn len(&self) -> usize {
        self.predecessors.len()
    }

    /// The node with dense number `n`.
    pub fn node(&self, n: usize) -> Node {
        if n < self.investments {
            Node::Investment(n)
        } else {
            Node::Milestone(n - self.investments)
        }
    }

    /// Dense number of a milestone.
    pub fn milestone(&self, m: usize) -> usize {
        self.investments + m
    }

    /// Whether dense node `n` is an investment.
    pub fn is_investment(&self, n: usize) -> bool {
        n < self.investments
    }

    /// What must finish before dense node `n`.
    pub fn predecessors(&self, n: usize) -> &[usize] {
        self.predecessors.get(n).map_or(&[], Vec::as_slice)
    }

    /// The id of dense node `n`.
    pub fn id(&self, n: usize) -> &'a str {
        match self.node(n) {
            Node::Investment(i) => self.plan.investments.get(i).map_or("", |x| x.id.as_str()),
            Node::Milestone(m) => self.plan.milestones.get(m).map_or("", |x| x.id.as_str()),
        }
    }

    /// The month dense node `n` is finished: an investment's end, a milestone's month.
    pub fn finish(&self, n: usize) -> Option<Month> {
        match self.node(n) {
            Node::Investment(i) => self.plan.investments.get(i).map(|x| x.end),
            Node::Milestone(m) => self.plan.milestones.get(m).map(|x| x.month),
        }
    }
}

/// The walk back along `after` and `needs` links: what a node waits for, directly or through
/// others. One visit buffer serves many walks over the same schedule.
pub(crate) struct Upstream {
    /// Stamp of the last walk that reached each node.
    seen: Vec<u32>,
    stamp: u32,
    stack: Vec<usize>,
}

impl Upstream {
    /// A walker over a schedule of `nodes` nodes.
    pub fn new(nodes: usize) -> Upstream {
        Upstream {
            seen: vec![0; nodes],
            stamp: 0,
            stack: Vec::new(),
        }
    }

    /// Every node dense node `start` waits for, directly or transitively (each once, in the
    /// order reached; never `start` itself, even in a cycle), following `schedule`.
    pub fn of(&mut self, schedule: &Schedule<'_>, start: usize) -> Vec<usize> {
        self.walk(start, |n| schedule.predecessors(n).iter().copied())
    }

    /// The walk back from dense node `start`, with `predecessors` giving what a node waits
    /// for: resolved once for the whole plan (a [`Schedule`]), or node by node when only one
    /// walk is needed.
    pub fn walk<I: IntoIterator<Item = usize>>(
        &mut self,
        start: usize,
        mut predecessors: impl FnMut(usize) -> I,
    ) -> Vec<usize> {
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            self.seen.iter_mut().for_each(|s| *s = 0);
            self.stamp = 1;
        }
        let mut reached = Vec::new();
        self.stack.clear();
        self.stack.push(start);
        if let Some(s) = self.seen.get_mut(start) {
            *s = self.stamp;
        }
        while let Some(node) = self.stack.pop() {
            for pred in predecessors(node) {
                let Some(s) = self.seen.get_mut(pred) else {
                    continue;
                };
                if *s == self.stamp {
                    continue;
                }
                *s = self.stamp;
                reached.push(pred);
                self.stack.push(pred);
            }
        }
        reached
    }
}
