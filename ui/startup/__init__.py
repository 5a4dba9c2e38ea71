"""How `kiosk run` starts: the first screen is shown from the little it needs
(first_screen), the rest loads on a worker thread meanwhile (loading), and the flow or
console is then built around the screen already showing (assembly)."""
