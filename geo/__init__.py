"""The Korean War atlas pipeline: load and validate layers, process them, render outputs."""
