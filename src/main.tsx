// Entry point: the composition root in src/app/ does the wiring.
import './app/start.tsx';
