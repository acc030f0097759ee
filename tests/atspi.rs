//! The real editor as a Linux screen reader hears it: tests/atspi_walk.py starts the app under
//! Xvfb in a private D-Bus session with the AT-SPI bus on (what Orca uses), walks its
//! accessibility tree with pyatspi and checks what every control and canvas item says
//! (issue 16). Needs Debian's xvfb, dbus, at-spi2-core and python3-pyatspi (scripts/test.sh
//! installs them); it fails, not skips, when they are missing, and runs only on Linux.

#[cfg(target_os = "linux")]
#[test]
fn a_screen_reader_hears_a_plan_not_a_list_of_buttons() {
    use std::process::Command;

    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let plan = root.join("roadmaps/sovereign-stack-2035.ron");
    let runtime = tempfile::tempdir().unwrap();
    // Debian's python, which has pyatspi (a pyenv python first on PATH would not).
    let output = Command::new("dbus-run-session")
        .arg("--")
        .arg("/usr/bin/python3")
        .arg(root.join("tests/atspi_walk.py"))
        .arg(env!("CARGO_BIN_EXE_stackplan"))
        .arg(&plan)
        .env("XDG_RUNTIME_DIR", runtime.path())
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect(
            "dbus-run-session runs (Debian packages dbus, at-spi2-core, python3-pyatspi, \
             xvfb: scripts/test.sh --setup installs them)",
        );
    let walk = String::from_utf8_lossy(&output.stdout);
    // The walk is the plan as a screen reader user hears it: `cargo test --test atspi --
    // --nocapture` prints it.
    println!("{walk}");
    eprintln!("{}", String::from_utf8_lossy(&output.stderr));
    assert!(
        output.status.success(),
        "the AT-SPI walk failed ({}):\n{}",
        output.status,
        walk.lines()
            .filter(|l| l.starts_with("atspi:"))
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(
        walk.contains("canvas: Roadmap canvas"),
        "the walk reached the canvas"
    );
}
