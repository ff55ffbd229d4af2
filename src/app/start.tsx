import { render } from 'preact';

render(<main>Posyandu ILP</main>, document.getElementById('app') as HTMLElement);
