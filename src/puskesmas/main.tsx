// The puskesmas web app's entry: its own bundle, sharing no code with the kader app (docs/puskesmas.md).
import { render } from 'preact';
import { StaffApp } from './StaffApp.tsx';
import { staffLocale } from './strings/index.ts';
import './staff.css';

document.documentElement.lang = staffLocale();
const root = document.getElementById('app');
if (root) render(<StaffApp />, root);
