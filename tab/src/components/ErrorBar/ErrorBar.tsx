import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useErrorBarStyles } from './ErrorBar.styles';

export interface ErrorBarProps {
  readonly title?: string;
  /** plain words from the server: what went wrong and what to do */
  readonly message: string;
  readonly onRetry?: () => void;
  readonly retryLabel?: string;
}

/** An error in plain words, with a way forward when there is one. */
export function ErrorBar({ title = 'That did not work', message, onRetry, retryLabel = 'Try again' }: ErrorBarProps) {
  const styles = useErrorBarStyles();
  return (
    <MessageBar intent="error" layout="multiline" className={styles.root} role="alert">
      <MessageBarBody className={styles.text}>
        <MessageBarTitle>{title}</MessageBarTitle>
        {message}
      </MessageBarBody>
      {onRetry ? (
        <MessageBarActions>
          <Button onClick={onRetry}>{retryLabel}</Button>
        </MessageBarActions>
      ) : null}
    </MessageBar>
  );
}
