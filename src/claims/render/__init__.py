"""Renderers: Rich for the terminal. The library core never imports these."""
