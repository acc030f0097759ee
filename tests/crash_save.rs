//! Saving never loses a plan: a saver killed at random moments leaves the complete old or new
//! file, and a save that cannot be written reports an error and leaves the old file alone.
#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use stackplan::io::{example_plan, load_path, save_path, to_ron};
use stackplan::model::Roadmap;

/// Environment variable that turns this test binary into a child helper.
const CHILD: &str = "STACKPLAN_CRASH_CHILD";

/// Two versions of a plan, each large enough that a save takes a while.
fn versions() -> (Roadmap, Roadmap) {
    let mut old = example_plan().unwrap();
    let base = old.investments.clone();
    for round in 0..40 {
        old.investments.extend(base.iter().map(|i| {
            let mut i = i.clone();
            i.id = format!("{}-{round}", i.id);
            i
        }));
    }
    let mut new = old.clone();
    new.title = "New version".to_owned();
    for i in &mut new.investments {
        i.budget += 1;
    }
    (old, new)
}

/// Runs this test binary again as a child that does `task` (see [`child_helper`]).
fn child(task: &str, path: &Path) -> Command {
    child_of(&std::env::current_exe().unwrap(), task, path)
}

/// Runs `program`, a copy of this test binary, as a child that does `task`.
fn child_of(program: &Path, task: &str, path: &Path) -> Command {
    let mut cmd = Command::new(program);
    cmd.args(["child_helper", "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD, task)
        .env("STACKPLAN_CRASH_PATH", path)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    cmd
}

/// Not a test of its own: the body of the child processes the tests below start.
#[test]
fn child_helper() {
    let Ok(task) = std::env::var(CHILD) else {
        return;
    };
    let path = PathBuf::from(std::env::var_os("STACKPLAN_CRASH_PATH").unwrap());
    let (old, new) = versions();
    match task.as_str() {
        "save-forever" => {
            // Tell the parent that start-up is over, so its random kill lands among saves.
            eprintln!("READY");
            loop {
                save_path(&new, &path).unwrap();
                save_path(&old, &path).unwrap();
            }
        }
        "save-once" => match save_path(&new, &path) {
            Ok(()) => eprintln!("SAVED"),
            Err(e) => eprintln!("ERROR: {e}"),
        },
        "save-small-file-limit" => {
            limit_file_size(4096);
            match save_path(&new, &path) {
                Ok(()) => eprintln!("SAVED"),
                Err(e) => eprintln!("ERROR: {e}"),
            }
        }
        other => panic!("unknown child task {other}"),
    }
}

/// Makes writes past `bytes` fail with EFBIG, as on a full disk, instead of killing us.
fn limit_file_size(bytes: u64) {
    // SAFETY: plain libc calls with valid arguments, in a single-threaded child.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
        let limit = libc::rlimit {
            rlim_cur: bytes,
            rlim_max: bytes,
        };
        assert_eq!(libc::setrlimit(libc::RLIMIT_FSIZE, &limit), 0);
    }
}

/// Waits until a `save-forever` child has started its saving loop.
fn wait_until_ready(saver: &mut std::process::Child) {
    use std::io::BufRead;
    let Some(stderr) = saver.stderr.take() else {
        return;
    };
    let mut lines = std::io::BufReader::new(stderr).lines();
    while let Some(Ok(line)) = lines.next() {
        if line == "READY" {
            break;
        }
    }
}

/// A fresh folder on a real disk (not tmpfs), so that flushing and renaming are realistic.
fn scratch_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o777)).unwrap();
    dir
}

#[test]
fn a_saver_killed_at_random_moments_leaves_the_old_or_the_new_file() {
    let dir = scratch_dir("crash-save");
    let path = dir.join("plan.ron");
    let (old, new) = versions();
    let (old_text, new_text) = (to_ron(&old), to_ron(&new));
    save_path(&old, &path).unwrap();

    // Kill within about three saves of the saver starting, however slow this machine is now.
    let started = std::time::Instant::now();
    save_path(&old, &path).unwrap();
    let window = (started.elapsed().as_micros() as u64 * 6).max(40_000);
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let kills = 1000;
    let (mut saw_old, mut saw_new) = (0, 0);
    for round in 0..kills {
        let mut saver = child("save-forever", &path).spawn().unwrap();
        wait_until_ready(&mut saver);
        std::thread::sleep(Duration::from_micros(rng.below(window)));
        saver.kill().unwrap(); // SIGKILL
        saver.wait().unwrap();
        let on_disk = std::fs::read_to_string(&path).unwrap();
        if on_disk == old_text {
            saw_old += 1;
        } else if on_disk == new_text {
            saw_new += 1;
        } else {
            panic!(
                "kill {round}: the file is neither version ({} bytes)",
                on_disk.len()
            );
        }
    }
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "plan.ron")
        .collect();
    for name in &leftovers {
        assert!(
            name.starts_with(".stackplan-") && name.ends_with(".tmp"),
            "stray file {name}"
        );
    }
    eprintln!(
        "{kills} kills: old version {saw_old}×, new version {saw_new}×, {} interrupted saves",
        leftovers.len()
    );
    assert!(
        saw_old > 0 && saw_new > 0,
        "the kills never caught the saver at work"
    );
    assert!(
        !leftovers.is_empty(),
        "no kill landed in the middle of a save"
    );
    assert_eq!(
        load_path(&path).unwrap().investments.len(),
        old.investments.len()
    );
}

/// A small deterministic random number generator, so a failing run can be repeated.
struct XorShift(u64);

impl XorShift {
    /// A number in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// Runs `task` in a child and returns what it reported on stderr.
fn run_child(task: &str, path: &Path) -> String {
    let out = child(task, path).output().unwrap();
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Runs `task` in a child without root's rights and returns what it reported on stderr.
///
/// The checkout may live in a folder only root may enter, so the child runs from a copy of
/// this test binary in a fresh folder that everyone may enter.
fn run_child_as_nobody(task: &str, path: &Path) -> String {
    let place = tempfile::Builder::new()
        .prefix("stackplan-nobody-")
        .tempdir()
        .unwrap();
    std::fs::set_permissions(place.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let binary = place.path().join("crash_save");
    std::fs::copy(std::env::current_exe().unwrap(), &binary).unwrap();
    std::fs::set_permissions(&binary, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut cmd = child_of(&binary, task, path);
    cmd.current_dir(place.path()).uid(65534).gid(65534);
    let out = cmd.output().unwrap();
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn saving_into_a_read_only_folder_reports_an_error_and_keeps_the_old_file() {
    // A folder everyone may enter, wherever the checkout lives (the child may run as nobody).
    let place = tempfile::Builder::new()
        .prefix("stackplan-read-only-")
        .tempdir()
        .unwrap();
    std::fs::set_permissions(place.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let dir = place.path().join("plans");
    std::fs::create_dir(&dir).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o777)).unwrap();
    let path = dir.join("plan.ron");
    let (old, _) = versions();
    save_path(&old, &path).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    // Root ignores folder permissions; then the attempt is made by an unprivileged child.
    let privileged = std::fs::write(dir.join("probe"), "x").is_ok();
    let report = if privileged {
        let _ = std::fs::remove_file(dir.join("probe"));
        run_child_as_nobody("save-once", &path)
    } else {
        match save_path(&versions().1, &path) {
            Ok(()) => "SAVED".to_owned(),
            Err(e) => format!("ERROR: {e}"),
        }
    };
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert!(report.contains("ERROR: cannot save"), "{report}");
    assert!(report.contains("plan.ron"), "{report}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), to_ron(&old));
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        1,
        "a temporary file was left behind"
    );
}

#[test]
fn a_full_disk_reports_an_error_and_keeps_the_old_file() {
    let dir = scratch_dir("full-disk");
    let path = dir.join("plan.ron");
    std::fs::write(&path, "old text").unwrap();
    let report = run_child("save-small-file-limit", &path);
    assert!(report.contains("ERROR: cannot save"), "{report}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "old text");
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        1,
        "a temporary file was left behind"
    );
}

#[test]
fn saving_where_the_folder_is_a_file_reports_an_error() {
    let dir = scratch_dir("not-a-folder");
    let file = dir.join("plain");
    std::fs::write(&file, "x").unwrap();
    let err = save_path(&versions().0, &file.join("plan.ron")).unwrap_err();
    assert!(err.to_string().contains("plan.ron"), "{err}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "x");
}

#[test]
fn saving_keeps_the_permissions_of_the_file_it_replaces() {
    let dir = scratch_dir("permissions");
    let path = dir.join("plan.ron");
    std::fs::write(&path, "old").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    save_path(&versions().0, &path).unwrap();
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
}

#[test]
fn a_new_plan_file_gets_the_permissions_of_any_new_file() {
    let dir = scratch_dir("new-permissions");
    let plain = dir.join("plain.txt");
    std::fs::write(&plain, "x").unwrap();
    let path = dir.join("plan.ron");
    save_path(&versions().0, &path).unwrap();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&path), mode(&plain));
}
