import * as React from "react";
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Text } from "@fluentui/react-components";
import type { Strings } from "../i18n";

export interface ErrorBoundaryProps {
  t: Strings;
  children: React.ReactNode;
}

interface ErrorBoundaryState {
  error: Error | null;
}

/** A rendering error shows a message (never a blank pane). */
export class ErrorBoundary extends React.Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: null };

  static getDerivedStateFromError(error: unknown): ErrorBoundaryState {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render(): React.ReactNode {
    const { error } = this.state;
    const { t } = this.props;
    if (!error) return this.props.children;
    return (
      <MessageBar layout="multiline" intent="error" data-testid="error" data-kind="render" role="alert">
        <MessageBarBody>
          <MessageBarTitle>{t.errorTitle}</MessageBarTitle>
          <Text as="p" block>
            {t.errorRender}
          </Text>
          <Text as="p" block size={200} data-testid="error-message">
            {error.message}
          </Text>
        </MessageBarBody>
        <MessageBarActions>
          <Button size="small" onClick={() => this.setState({ error: null })}>
            {t.dismiss}
          </Button>
        </MessageBarActions>
      </MessageBar>
    );
  }
}
