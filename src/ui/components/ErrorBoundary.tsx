import { Component, type ComponentChildren } from 'preact';
import { t } from '../../i18n/index.ts';

interface ErrorBoundaryState {
  failed: boolean;
}

interface ErrorBoundaryProps {
  /** The address: when it changes (the kader taps "Ke beranda" or goes back), the next screen renders afresh. */
  resetKey: string;
  children: ComponentChildren;
}

/** Catches a screen that throws while rendering, so the kader sees a way back instead of a blank page. */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { failed: false };

  static override getDerivedStateFromError(): ErrorBoundaryState {
    return { failed: true };
  }

  override componentDidUpdate(previous: ErrorBoundaryProps): void {
    if (this.state.failed && previous.resetKey !== this.props.resetKey) this.setState({ failed: false });
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div class="app">
        <header class="topbar">
          <h1>{t('screenCrashedTitle')}</h1>
        </header>
        <main class="content">
          <p class="banner warn" role="alert" data-testid="screen-crashed">
            {t('screenCrashed')}
          </p>
          <div class="actions">
            <a class="button" href="#/">
              {t('goHome')}
            </a>
            <button type="button" class="secondary" onClick={() => location.reload()}>
              {t('reload')}
            </button>
          </div>
        </main>
      </div>
    );
  }
}
